import "reflect-metadata";
import { TOPOLOGY } from "../../domain/topology";
import { runSubgraphMain } from "../../platform/subgraph/run";
import { peopleSubgraph } from "./subgraph";

runSubgraphMain(peopleSubgraph, TOPOLOGY);
