import { checkStatisticsPeriod } from "../../../domain/statistics-grouping";
import type { BreachesContext } from "../context";
import { parseStatisticsKey, statisticsKeyId } from "../../shared/statistics-key";
import type { SpoStatisticsBreaches } from "./statistics.type";

export const statisticsReferenceResolver = {
  __resolveReference(reference: Record<string, unknown>, context: BreachesContext): Promise<SpoStatisticsBreaches | null> | null {
    const key = parseStatisticsKey(reference);
    if (!key) return null;
    // The same whole-month periods as orders answers for, however the key arrived.
    checkStatisticsPeriod(key.periodFrom, key.periodTo);
    return context.loaders.breachStatisticsByKeyId.load(statisticsKeyId(key));
  },
};
