import "reflect-metadata";
import { runSubgraphMain } from "../kit/main";
import { breachesSubgraph } from "./server";

runSubgraphMain(breachesSubgraph);
