import { listen } from "../platform/http";
import { readGatewayConfig } from "./config";
import { buildGateway, type GatewayOverrides } from "./build";
import { nameProcessLogger } from "../platform/log";
import { exitOnStartFailure } from "../platform/start-failure";

/**
 * The gateway process: read config, listen, stop cleanly (exit 0) on SIGINT/SIGTERM.
 * `overrides`: what a development entry adds (dev/gateway.main.ts: the dashboard's sign-in, the IDE).
 */
export async function runGateway(overrides: Pick<GatewayOverrides, "devSignIn" | "ide"> = {}): Promise<void> {
  // Configuration first: a bad LOG_LEVEL is reported with every other problem, not on its own.
  const config = readGatewayConfig();
  const log = nameProcessLogger("gateway");
  const gateway = await buildGateway(config, { ...overrides, log });
  await gateway.apollo.start();
  const running = await listen(gateway.createHttpService(), config.port, config.host);
  log.info({ url: running.url }, `listening on ${running.url}`);
  log.info(`reporting dashboard on ${new URL("/dashboard", running.url).href}`);
  // Started by npm start (dev/stack.ts): it says "ready" only for the gateway it started.
  process.send?.({ listening: running.url });
  let stopping = false;
  // Stop accepting, let in-flight requests finish (up to the grace period), then close the subgraph pools.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Whatever a dependency is doing (a Redis reconnecting, an audit store not answering), gone in time.
    setTimeout(() => {
      log.error("did not stop within its grace period: exiting now");
      process.exit(0);
    }, config.shutdownGraceMs + 2_000).unref();
    await running.close(config.shutdownGraceMs);
    await gateway.apollo.stop();
    await gateway.close();
    process.exit(0);
  };
  // SIGHUP: serve the supergraph file as it is now, if it passes its checks (refused: the old one kept, logged, in health).
  process.on("SIGHUP", () => void gateway.reloadSupergraph());
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  runGateway().catch((error: unknown) => exitOnStartFailure("gateway", error));
}
