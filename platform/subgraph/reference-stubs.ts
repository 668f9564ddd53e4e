import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Force and Court as seen by the subgraphs that do not own them: the key only.
 * The people subgraph resolves the rest; `resolvable: false` says these
 * subgraphs never answer _entities for them.
 */
@ObjectType("Force")
@Directive(`@key(fields: "code", resolvable: false)`)
export class ForceReference {
  @Field(() => ID)
  code!: string;
}

@ObjectType("Court")
@Directive(`@key(fields: "code", resolvable: false)`)
export class CourtReference {
  @Field(() => ID)
  code!: string;
}

export function forceReference(code: string): ForceReference {
  return Object.assign(new ForceReference(), { code });
}

export function courtReference(code: string | null): CourtReference | null {
  return code === null ? null : Object.assign(new CourtReference(), { code });
}
