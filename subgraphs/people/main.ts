import "reflect-metadata";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { peopleSubgraph } from "./subgraph";

runSubgraphMain(peopleSubgraph);
