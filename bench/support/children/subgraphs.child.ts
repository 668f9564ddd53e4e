import { SUBGRAPH_NAMES, STREAM_TOPOLOGY } from "../../../domain/topology";
import "reflect-metadata";
import { createLocalJWKSet, type JWK } from "jose";
import { openPostgres } from "../../../platform/db/db";
import { envString } from "../../../platform/env";
import { InProcessBus } from "../../../platform/events/in-process-bus";
import { listen } from "../../../platform/http";
import { buildSubgraph } from "../../../platform/subgraph/build";
import { SUBGRAPHS } from "../../../subgraphs/registry";
import { countingDb } from "../counting-db";
import { failToParent, reportToParent } from "../process-probe";

/**
 * The four subgraphs in one process of their own (so their CPU is theirs
 * alone), on the benchmark database's schemas, each on an ephemeral port.
 * Every peer of the benchmark (our gateway, stock, direct calls) reaches these
 * same servers. Their event relays are not started: the benchmark only reads,
 * and background polling would be counted against requests.
 */
async function main(): Promise<void> {
  const url = envString("BENCH_DATABASE_URL");
  const gatewayKeys = createLocalJWKSet({ keys: [JSON.parse(envString("BENCH_GATEWAY_PUBLIC_JWK")) as JWK] });
  let statements = 0;
  const urls: Record<string, string> = {};
  const bus = new InProcessBus(STREAM_TOPOLOGY);
  for (const name of SUBGRAPH_NAMES) {
    const db = countingDb(openPostgres({ url, schema: name, poolSize: 10 }), () => (statements += 1));
    const server = await buildSubgraph(SUBGRAPHS[name], { events: { consumer: `${name}-bench` } }, { db, gatewayKeys, bus });
    await server.apollo.start();
    urls[name] = (await listen(server.createHttpService(), 0)).url;
  }
  reportToParent(urls, () => statements);
}

main().catch(failToParent);
