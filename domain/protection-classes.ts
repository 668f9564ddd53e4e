import type { TypeRule } from "../platform/subgraph/jurisdiction-table";

/**
 * Protection classes shared by every subgraph's jurisdiction table: the SPO
 * types that several subgraphs know, classified once.
 */

/** The rules of types a subgraph knows only by key: the owner of each decides what is shown of it. */
export const KEY_ONLY = {
  Person: { protection: "identity", visibility: "key only; people decides whose identity is shown" },
  StalkingProtectionOrder: { protection: "summary", visibility: "key only; orders decides what is shown" },
  Force: { protection: "shared", visibility: "key only" },
  Court: { protection: "shared", visibility: "key only" },
} as const satisfies Record<string, TypeRule>;

/** SpoStatistics, wherever its columns are computed: aggregates over whole calendar months (domain/statistics-grouping.ts). */
export const STATISTICS_AGGREGATE: TypeRule = {
  protection: "aggregate",
  visibility: "counts per force, region or nation over whole calendar months; never one case's record",
};
