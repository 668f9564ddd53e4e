import "reflect-metadata";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { ordersSubgraph } from "./server";

runSubgraphMain(ordersSubgraph);
