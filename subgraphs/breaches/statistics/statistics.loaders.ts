import type { Db } from "../../../platform/db/db";
import { loaderOfOne } from "../../../platform/loaders";
import { findStatisticsScope, sumOverScope } from "../../../domain/statistics-grouping";
import { statisticsKeyId, statisticsKeyOfId, type StatisticsKey } from "../../shared/statistics-key";
import { BreachOffenceType } from "../../../domain/vocabulary";
import { StatisticsRepository, type ForceBreachCounts } from "./statistics.repository";
import { BreachTypeCount, SpoStatisticsBreaches } from "./statistics.type";

const BREACH_COUNTS = ["breachesReported", "breachConvictions"] as const;
const OFFENCE_TYPES = Object.values(BreachOffenceType);

type ForceFigures = ForceBreachCounts & Record<BreachOffenceType, number>;

function periodId(key: StatisticsKey): string {
  return `${key.periodFrom}/${key.periodTo}`;
}

/**
 * One force-level aggregate per distinct period in the batch (a dashboard asks
 * for many scopes of one period, so usually a single statement), then each
 * key's figures summed over the forces of its scope from the estate data:
 * a scope with no breaches gets zeros, and a key naming no scope of its
 * grouping gets no row (so null).
 */
async function findBreachStatistics(repository: StatisticsRepository, keyIds: readonly string[]): Promise<SpoStatisticsBreaches[]> {
  const keys = keyIds.map(statisticsKeyOfId);
  const periods = new Map(keys.map((key) => [periodId(key), key]));
  const countsByPeriod = new Map<string, ReadonlyMap<string, ForceFigures>>(
    await Promise.all(
      [...periods].map(async ([id, { periodFrom, periodTo }]) => {
        const counts = await repository.countBreachesByReportingForce(periodFrom, periodTo);
        const types = await repository.countBreachTypesByReportingForce(periodFrom, periodTo);
        const byForce = new Map<string, ForceFigures>();
        const figuresOf = (forceCode: string) => {
          let figures = byForce.get(forceCode);
          if (!figures) {
            figures = {
              forceCode,
              breachesReported: 0,
              breachConvictions: 0,
              ...Object.fromEntries(OFFENCE_TYPES.map((type) => [type, 0])),
            } as ForceFigures;
            byForce.set(forceCode, figures);
          }
          return figures;
        };
        for (const count of counts) Object.assign(figuresOf(count.forceCode), count);
        for (const type of types) figuresOf(type.forceCode)[type.offenceType as BreachOffenceType] += type.count;
        return [id, byForce] as const;
      }),
    ),
  );
  return keys.flatMap((key) => {
    const scope = findStatisticsScope(key.grouping, key.scope);
    const countsByForce = countsByPeriod.get(periodId(key));
    if (!scope || !countsByForce) return [];
    const byType = sumOverScope(scope, countsByForce, OFFENCE_TYPES);
    return [
      Object.assign(new SpoStatisticsBreaches(), key, sumOverScope(scope, countsByForce, BREACH_COUNTS), {
        breachesByType: OFFENCE_TYPES.map((offenceType) =>
          Object.assign(new BreachTypeCount(), { offenceType, count: byType[offenceType] }),
        ),
      }),
    ];
  });
}

export function createStatisticsLoaders(db: Db) {
  const repository = new StatisticsRepository(db);
  return {
    breachStatisticsByKeyId: loaderOfOne((keyIds) => findBreachStatistics(repository, keyIds), statisticsKeyId),
  };
}
