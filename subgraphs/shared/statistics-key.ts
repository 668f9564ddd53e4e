import { Field, ObjectType } from "type-graphql";
import { StatisticsGrouping } from "../../domain/statistics-grouping";
import { isIsoDate } from "../../platform/dates";
import { DateScalar } from "../../platform/scalars";

/**
 * What identifies one SpoStatistics row, stated once for both subgraphs that serve the type: orders owns its
 * rows, breaches adds its columns by this key. Each subgraph's class extends this one, adds its columns and
 * carries `@Directive(SPO_STATISTICS_KEY)` (a class directive is not inherited). Never referenced, it is not in
 * any schema.
 */
export const SPO_STATISTICS_KEY = `@key(fields: "grouping scope periodFrom periodTo")`;

@ObjectType()
export abstract class SpoStatisticsKey {
  @Field(() => StatisticsGrouping)
  grouping!: StatisticsGrouping;

  @Field(() => String, { description: "Force code, region name, or NATIONAL." })
  scope!: string;

  @Field(() => DateScalar, { description: "First day of the period (inclusive)." })
  periodFrom!: string;

  @Field(() => DateScalar, { description: "Last day of the period (inclusive)." })
  periodTo!: string;
}

/** The key's values, as an _entities representation carries them. */
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
