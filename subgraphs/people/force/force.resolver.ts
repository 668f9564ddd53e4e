import { Query, Resolver } from "type-graphql";
import { FORCES } from "../../../platform/estate";
import { Force } from "./force.type";

@Resolver(() => Force)
export class ForceResolver {
  @Query(() => [Force], { description: "Every police force, in force-code order." })
  forces(): Force[] {
    return [...FORCES].sort((a, b) => a.code.localeCompare(b.code)).map(Force.from);
  }
}
