import "reflect-metadata";
import { TOPOLOGY } from "../../domain/topology";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { ordersSubgraph } from "./subgraph";

runSubgraphMain(ordersSubgraph, TOPOLOGY);
