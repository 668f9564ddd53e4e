import "reflect-metadata";
import { TOPOLOGY } from "../../domain/topology";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { hearingsSubgraph } from "./subgraph";

runSubgraphMain(hearingsSubgraph, TOPOLOGY);
