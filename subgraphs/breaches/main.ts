import "reflect-metadata";
import { TOPOLOGY } from "../../domain/topology";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { breachesSubgraph } from "./subgraph";

runSubgraphMain(breachesSubgraph, TOPOLOGY);
