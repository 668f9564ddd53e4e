import { Directive, Field, Int, ObjectType } from "type-graphql";
import { SPO_STATISTICS_KEY, SpoStatisticsKey } from "../../shared/statistics-key";

/**
 * One row of SPO statistics for a period. An entity so the breaches subgraph
 * can add its columns: the key names the grouping, the scope and the period.
 */
@ObjectType("SpoStatistics")
@Directive(SPO_STATISTICS_KEY)
export class SpoStatistics extends SpoStatisticsKey {
  @Field(() => String)
  label!: string;

  @Field(() => Int)
  interimOrdersMade!: number;

  @Field(() => Int)
  fullOrdersMade!: number;

  @Field(() => Int, { description: "Orders in force on the last day of the period." })
  activeOrders!: number;
}
