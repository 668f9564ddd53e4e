import "reflect-metadata";
import { runSubgraphMain } from "../kit/main";
import { hearingsSubgraph } from "./server";

runSubgraphMain(hearingsSubgraph);
