import { registerEnumType } from "type-graphql";
import { BadUserInputError } from "../platform/errors/errors";
import { FORCES, REGIONS, type RegionCode } from "../platform/reference";

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

// Reference data does not change while a process runs: the rows are built once.
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
 * The shortest period statistics answer for: 28 days, both ends inclusive (so
 * every calendar month qualifies). A count of orders made in one force on one
 * day would point at one identifiable case; over a month it is a statistic.
 */
export const MIN_STATISTICS_PERIOD_DAYS = 28;

/** Refuses a period that is reversed or shorter than MIN_STATISTICS_PERIOD_DAYS, naming the argument at fault. */
export function checkStatisticsPeriod(from: string, to: string): void {
  if (from > to) throw new BadUserInputError("from", `from (${from}) is after to (${to})`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < MIN_STATISTICS_PERIOD_DAYS) {
    throw new BadUserInputError(
      "to",
      `the period is ${days} day${days === 1 ? "" : "s"}; statistics cover at least ${MIN_STATISTICS_PERIOD_DAYS} days, so no count points at one case`,
    );
  }
}
