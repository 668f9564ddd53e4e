import "reflect-metadata";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { peopleSubgraph } from "./server";

runSubgraphMain(peopleSubgraph);
