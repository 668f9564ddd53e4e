import { Directive, Field, Int, ObjectType } from "type-graphql";
import { StatisticsGrouping } from "../../../domain/statistics-grouping";
import { DateScalar } from "../../../platform/scalars";

/**
 * The breach columns of SpoStatistics. The orders subgraph owns the type and
 * its rows; the gateway asks this subgraph for these two columns of each row
 * by its key (grouping, scope and period).
 */
@ObjectType("SpoStatistics")
@Directive(`@key(fields: "grouping scope periodFrom periodTo")`)
export class SpoStatisticsBreaches {
  @Field(() => StatisticsGrouping)
  grouping!: StatisticsGrouping;

  @Field(() => String, { description: "Force code, region name, or NATIONAL." })
  scope!: string;

  @Field(() => DateScalar, { description: "First day of the period, inclusive." })
  periodFrom!: string;

  @Field(() => DateScalar, { description: "Last day of the period, inclusive." })
  periodTo!: string;

  @Field(() => Int, { description: "Breaches reported to a force of the scope during the period." })
  breachesReported!: number;

  @Field(() => Int, { description: "Breaches reported to a force of the scope whose conviction was decided during the period." })
  breachConvictions!: number;
}
