import "reflect-metadata";
import { runSubgraphMain } from "../kit/main";
import { ordersSubgraph } from "./server";

runSubgraphMain(ordersSubgraph);
