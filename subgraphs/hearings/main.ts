import "reflect-metadata";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { hearingsSubgraph } from "./subgraph";

runSubgraphMain(hearingsSubgraph);
