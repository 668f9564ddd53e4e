import { repoPath } from "../kit/repo-root";
import { hearingsAccess } from "./access";
import { defineSubgraph } from "../kit/subgraph";
import { insertHearingsChunk } from "./dataset";
import { createHearingLoaders } from "./hearing/hearing.loaders";
import { hearingReference } from "./hearing/hearing.reference";
import { HearingResolver } from "./hearing/hearing.resolver";
import { OrderHearingsResolver } from "./order/order.resolver";

/**
 * Hearings: court hearings about orders and breaches, court lists, outcomes.
 * StalkingProtectionOrder needs no reference resolver: its key is all this
 * subgraph knows of it, and the representation itself ({ id }) is what the
 * `hearings` field resolver reads.
 */
export const hearingsSubgraph = defineSubgraph({
  name: "hearings",
  migrationsDir: repoPath("subgraphs", "hearings", "migrations"),
  resolvers: [HearingResolver, OrderHearingsResolver],
  access: hearingsAccess,
  referenceResolvers: { CourtHearing: hearingReference },
  createLoaders: (db, _clock, principal) => createHearingLoaders(db, principal),
  insertDatasetChunk: insertHearingsChunk,
});
