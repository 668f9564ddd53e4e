import "reflect-metadata";
import { TOPOLOGY } from "../domain/topology";
import { runSubgraphsMain } from "../platform/subgraph/run";
import { SUBGRAPHS } from "../subgraphs/registry";
import { seedDemoDataIfEmpty } from "./demo-data";

/**
 * Every subgraph in one process, each on its own port and database, sharing
 * one event bus: what `npm start` runs, so the embedded mode needs no Redis
 * for court decisions to reach orders and breaches. An empty embedded
 * database gets the demo data first.
 */
runSubgraphsMain(Object.values(SUBGRAPHS), TOPOLOGY, undefined, { prepareDatabase: seedDemoDataIfEmpty });
