import "reflect-metadata";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { breachesSubgraph } from "./subgraph";

runSubgraphMain(breachesSubgraph);
