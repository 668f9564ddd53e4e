import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
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

  // The figures as they are published (applications, decisions, appeals, youth, time to an order). Counted
  // under the applicant force, like the orders made; medians excepted, every figure of a region is the sum of
  // its forces' and the nation's the sum of its regions'.

  @Field(() => Int, { description: "Applications made in the period that sought an interim order too (s.5)." })
  interimApplications!: number;

  @Field(() => Int, {
    description:
      "Applications for an order made in the period: every application is for a full order (s.1), so this counts them all, interimApplications among them.",
  })
  fullApplications!: number;

  @Field(() => Int, { description: "Applications refused in the period (an interim or a full order refused)." })
  applicationsRefused!: number;

  @Field(() => Int, { description: "Applications withdrawn in the period." })
  applicationsWithdrawn!: number;

  @Field(() => Int, {
    description:
      "Applications awaiting the court's first decision on the last day of the period (orders applied for and APPLIED that day; one seeking an interim order is decided when the interim is).",
  })
  applicationsPending!: number;

  @Field(() => Int, { description: "Variations of orders decided in the period (on appeal too)." })
  ordersVaried!: number;

  @Field(() => Int, { description: "Renewals of full orders decided in the period." })
  ordersRenewed!: number;

  @Field(() => Int, { description: "Discharges of orders decided in the period (an order quashed on appeal too)." })
  ordersDischarged!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "Appeals to the Crown Court lodged in the period. Null until it is known: an appeal is lodged with the Crown Court's hearings, which these statistics do not yet count, and an appeal dismissed or abandoned leaves no mark on the order.",
  })
  appealsLodged!: number | null;

  @Field(() => Int, {
    description: "Appeals decided in the period whose outcome changed the order: allowed, or the order varied on appeal.",
  })
  appealsAllowed!: number;

  @Field(() => Int, {
    description: "Orders made in the period (interim and full) against a respondent aged 10 to 17 on the day of the application.",
  })
  youthOrders!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Median days from application to an interim order, over the interim orders made in the period; null if none. A region's and the nation's median is that of all their orders, not an average of their forces' medians.",
  })
  medianDaysToInterimOrder!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Median days from application to a full order, over the full orders made in the period; null if none. A region's and the nation's median is that of all their orders, not an average of their forces' medians.",
  })
  medianDaysToFullOrder!: number | null;
}
