import { Directive, Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { StatisticsGrouping } from "../../../domain/statistics-grouping";

/**
 * One row of SPO statistics for a period. An entity so the breaches subgraph
 * can add its columns: the key names the grouping, the scope and the period.
 */
@ObjectType("SpoStatistics")
@Directive(`@key(fields: "grouping scope periodFrom periodTo")`)
export class SpoStatistics {
  @Field(() => StatisticsGrouping)
  grouping!: StatisticsGrouping;

  @Field(() => String, { description: "Force code, region name, or NATIONAL." })
  scope!: string;

  @Field(() => DateScalar, { description: "First day of the period (inclusive)." })
  periodFrom!: string;

  @Field(() => DateScalar, { description: "Last day of the period (inclusive)." })
  periodTo!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int)
  interimOrdersMade!: number;

  @Field(() => Int)
  fullOrdersMade!: number;

  @Field(() => Int, { description: "Orders in force on the last day of the period." })
  activeOrders!: number;
}
