import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import type { HearingLoaders } from "./hearing/hearing.loaders";

export type HearingsContext = SubgraphContext<HearingLoaders>;
