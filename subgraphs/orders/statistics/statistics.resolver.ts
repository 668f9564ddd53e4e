import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { checkStatisticsPeriod, StatisticsGrouping, statisticsScopes, sumOverScope } from "../../../domain/statistics-grouping";
import { medianOfHistogram, sumHistogramsOverScope } from "../../../domain/statistics-median";
import type { OrdersContext } from "../context";
import { DECISION_COUNT_KEYS, ORDER_COUNT_KEYS, StatisticsRepository } from "./statistics.repository";
import { SpoStatistics } from "./statistics.type";

@Resolver(() => SpoStatistics)
export class StatisticsResolver {
  @Query(() => [SpoStatistics], {
    description:
      "Orders made, in force and breached over a period of whole calendar months (from the 1st of a month to the last day of a month), by force, region or nationally.",
  })
  async spoStatistics(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("groupBy", () => StatisticsGrouping) groupBy: StatisticsGrouping,
    @Ctx() context: OrdersContext,
  ): Promise<SpoStatistics[]> {
    checkStatisticsPeriod(from, to);
    const repository = new StatisticsRepository(context.db);
    const [countsByForce, decisionsByForce, waitingByForce] = await Promise.all([
      repository.countOrdersByForce(from, to),
      repository.countDecisionsByForce(from, to),
      repository.waitingHistogramsByForce(from, to),
    ]);
    return statisticsScopes(groupBy).map((scope) => {
      const waiting = sumHistogramsOverScope(scope, waitingByForce);
      return Object.assign(new SpoStatistics(), {
        grouping: groupBy,
        scope: scope.scope,
        label: scope.label,
        periodFrom: from,
        periodTo: to,
        ...sumOverScope(scope, countsByForce, ORDER_COUNT_KEYS),
        ...sumOverScope(scope, decisionsByForce, DECISION_COUNT_KEYS),
        appealsLodged: null,
        medianDaysToInterimOrder: medianOfHistogram(waiting.INTERIM),
        medianDaysToFullOrder: medianOfHistogram(waiting.FULL),
      });
    });
  }
}
