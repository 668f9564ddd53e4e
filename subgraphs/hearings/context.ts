import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import type { Principal } from "../../platform/identity/principal";
import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import { createHearingLoaders } from "./hearing/hearing.loaders";

/** The loaders of one request (subgraph.ts hands this to the builder, which calls it per request). */
export function createLoaders(db: Db, _clock: Clock, principal: Principal) {
  return createHearingLoaders(db, principal);
}

export type HearingsLoaders = ReturnType<typeof createLoaders>;
export type HearingsContext = SubgraphContext<HearingsLoaders>;
