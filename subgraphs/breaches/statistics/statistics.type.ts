import { Directive, Field, Int, ObjectType } from "type-graphql";
import { BreachOffenceType } from "../../../domain/vocabulary";
import { SPO_STATISTICS_KEY, SpoStatisticsKey } from "../../shared/statistics-key";

/**
 * The breach columns of SpoStatistics. The orders subgraph owns the type and
 * its rows; the gateway asks this subgraph for these two columns of each row
 * by its key (grouping, scope and period).
 */
/** Breaches of one offence type reported in a scope and period. */
@ObjectType("BreachTypeCount")
export class BreachTypeCount {
  @Field(() => BreachOffenceType)
  offenceType!: BreachOffenceType;

  @Field(() => Int)
  count!: number;
}

@ObjectType("SpoStatistics")
@Directive(SPO_STATISTICS_KEY)
export class SpoStatisticsBreaches extends SpoStatisticsKey {
  @Field(() => Int, { description: "Breaches reported to a force of the scope during the period." })
  breachesReported!: number;

  @Field(() => Int, { description: "Breaches reported to a force of the scope whose conviction was decided during the period." })
  breachConvictions!: number;

  @Field(() => [BreachTypeCount], {
    description:
      "Breaches reported to a force of the scope during the period, per offence type: every type, with zeros; they sum to breachesReported.",
  })
  breachesByType!: BreachTypeCount[];
}
