import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Region } from "../../../domain/region";
import type { ForceRecord } from "../../../platform/estate";

@ObjectType("Force", { description: "A police force of England and Wales." })
@Directive(`@key(fields: "code")`)
export class Force {
  @Field(() => ID, { description: 'Two-digit force code, e.g. "07" Cheshire, "21" Staffordshire.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Region)
  region!: Region;

  static from(record: ForceRecord): Force {
    return Object.assign(new Force(), { code: record.code, name: record.name, region: record.region as Region });
  }
}
