import type { SubgraphContext } from "../kit/subgraph";
import type { HearingLoaders } from "./hearing/hearing.loaders";

export type HearingsContext = SubgraphContext<HearingLoaders>;
