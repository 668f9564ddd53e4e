import type { BreachesContext } from "../context";
import { parseStatisticsKey, statisticsKeyId } from "./statistics.key";
import type { SpoStatisticsBreaches } from "./statistics.type";

export const statisticsReference = {
  __resolveReference(reference: Record<string, unknown>, context: BreachesContext): Promise<SpoStatisticsBreaches | null> | null {
    const key = parseStatisticsKey(reference);
    return key ? context.loaders.breachStatisticsByKeyId.load(statisticsKeyId(key)) : null;
  },
};
