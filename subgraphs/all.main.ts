import "reflect-metadata";
import { runSubgraphsMain } from "./kit/main";
import { SUBGRAPHS } from "./registry";

/**
 * Every subgraph in one process, each on its own port and database, sharing
 * one event bus: what `npm start` runs, so the embedded mode needs no Redis
 * for court decisions to reach orders and breaches.
 */
runSubgraphsMain(Object.values(SUBGRAPHS));
