import "reflect-metadata";
import { runSubgraphMain } from "../kit/main";
import { peopleSubgraph } from "./server";

runSubgraphMain(peopleSubgraph);
