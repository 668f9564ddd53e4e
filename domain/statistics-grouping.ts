import { registerEnumType } from "type-graphql";
import { BadUserInputError } from "../platform/errors/errors";
import { FORCES, REGIONS, type RegionCode } from "../platform/estate";

export enum StatisticsGrouping {
  FORCE = "FORCE",
  REGION = "REGION",
  NATIONAL = "NATIONAL",
}
registerEnumType(StatisticsGrouping, { name: "StatisticsGrouping" });

/** A row of statistics: its scope (force code, region name or NATIONAL) and a human label. */
export interface StatisticsScope {
  scope: string;
  label: string;
  /** The forces whose counts make up this scope. */
  forceCodes: string[];
}

const REGION_LABELS: Record<RegionCode, string> = {
  LONDON: "London",
  NORTH_EAST: "North East",
  NORTH_WEST: "North West",
  YORKSHIRE_AND_THE_HUMBER: "Yorkshire and the Humber",
  EAST_MIDLANDS: "East Midlands",
  WEST_MIDLANDS: "West Midlands",
  EASTERN: "Eastern",
  SOUTH_EAST: "South East",
  SOUTH_WEST: "South West",
  WALES: "Wales",
  NATIONAL: "National forces",
};

/**
 * The rows a grouping has, every one of them even when its counts are zero, so
 * a dashboard always gets the full list. Counts are computed per force in SQL
 * and summed over a scope's forces, which keeps force rows summing exactly to
 * their region and regions to the nation.
 */
function buildScopes(grouping: StatisticsGrouping): StatisticsScope[] {
  switch (grouping) {
    case StatisticsGrouping.FORCE:
      return [...FORCES]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((force) => ({ scope: force.code, label: force.name, forceCodes: [force.code] }));
    case StatisticsGrouping.REGION:
      return REGIONS.map((region) => ({
        scope: region,
        label: REGION_LABELS[region],
        forceCodes: FORCES.filter((force) => force.region === region).map((force) => force.code),
      }));
    case StatisticsGrouping.NATIONAL:
      return [{ scope: "NATIONAL", label: "England and Wales", forceCodes: FORCES.map((force) => force.code) }];
  }
}

// Estate data does not change while a process runs: the rows are built once.
const SCOPES = new Map(Object.values(StatisticsGrouping).map((grouping) => [grouping, buildScopes(grouping)]));
const SCOPE_BY_KEY = new Map([...SCOPES].flatMap(([grouping, scopes]) => scopes.map((s) => [`${grouping}/${s.scope}`, s] as const)));

export function statisticsScopes(grouping: StatisticsGrouping): readonly StatisticsScope[] {
  return SCOPES.get(grouping) ?? [];
}

export function findStatisticsScope(grouping: StatisticsGrouping, scope: string): StatisticsScope | undefined {
  return SCOPE_BY_KEY.get(`${grouping}/${scope}`);
}

/** Sums per-force counts over a scope's forces; forces absent from the map count zero. */
export function sumOverScope<K extends string>(
  scope: StatisticsScope,
  countsByForce: ReadonlyMap<string, Record<K, number>>,
  keys: readonly K[],
): Record<K, number> {
  const total = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const forceCode of scope.forceCodes) {
    const counts = countsByForce.get(forceCode);
    if (counts) for (const key of keys) total[key] += counts[key];
  }
  return total;
}

/**
 * The periods statistics answer for: whole calendar months, from the 1st of a
 * month to the last day of the same or a later month. Not a minimum length:
 * two long periods a day apart, differenced, give one day's counts in one
 * force, which could point at one identifiable case. With month-aligned
 * periods any difference of two answers is itself whole months.
 */
export const STATISTICS_PERIOD_RULE = "statistics cover whole calendar months: from the 1st of a month to the last day of a month";

const isLastDayOfMonth = (day: string) => {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
};

/** Refuses a period that is reversed or not whole calendar months, naming the argument at fault. */
export function checkStatisticsPeriod(from: string, to: string): void {
  if (!from.endsWith("-01")) throw new BadUserInputError("from", `from (${from}) is not the 1st of a month; ${STATISTICS_PERIOD_RULE}`);
  if (!isLastDayOfMonth(to)) throw new BadUserInputError("to", `to (${to}) is not the last day of a month; ${STATISTICS_PERIOD_RULE}`);
  if (from > to) throw new BadUserInputError("from", `from (${from}) is after to (${to})`);
}
