import { isIsoDate } from "../../../platform/dates";
import { StatisticsGrouping } from "../../../domain/statistics-grouping";

/** What identifies one SpoStatistics row: its @key fields. */
export interface StatisticsKey {
  grouping: StatisticsGrouping;
  scope: string;
  periodFrom: string;
  periodTo: string;
}

/**
 * The key of an _entities representation, or null when it is malformed (an
 * unknown grouping, a missing scope, a date that is no calendar date):
 * representations arrive as raw JSON, unchecked by any scalar.
 */
export function parseStatisticsKey(representation: Record<string, unknown>): StatisticsKey | null {
  const { grouping, scope, periodFrom, periodTo } = representation;
  if (!Object.values<unknown>(StatisticsGrouping).includes(grouping) || typeof scope !== "string") return null;
  if (typeof periodFrom !== "string" || !isIsoDate(periodFrom)) return null;
  if (typeof periodTo !== "string" || !isIsoDate(periodTo)) return null;
  return { grouping: grouping as StatisticsGrouping, scope, periodFrom, periodTo };
}

/** A DataLoader cache key for a statistics key, independent of the representation's property order. */
export function statisticsKeyId(key: StatisticsKey): string {
  return JSON.stringify([key.grouping, key.scope, key.periodFrom, key.periodTo]);
}

export function statisticsKeyOfId(id: string): StatisticsKey {
  const [grouping, scope, periodFrom, periodTo] = JSON.parse(id) as [StatisticsGrouping, string, string, string];
  return { grouping, scope, periodFrom, periodTo };
}
