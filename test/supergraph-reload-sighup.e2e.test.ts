import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDevKeys } from "../dev/dev-keys";
import { repoPath } from "../platform/repo-root";
import { BUILD_AND_START_MS, startBuilt, type BuiltProcess } from "./support/built-process";

const GATEWAY = "dist/gateway/main.js";
/** Nothing listens there: the gateway starts (it serves without its subgraphs) and never reaches another stack's. */
const NO_SUBGRAPH = "http://127.0.0.1:9/graphql";
const ORIGINAL = readFileSync(repoPath("schema", "supergraph.graphql"), "utf8");

/**
 * SIGHUP to the gateway's compiled main: it reads its supergraph file again, refuses a broken one (logged, in
 * health, still serving) and serves a good one, without restarting.
 */
describe("the gateway process on SIGHUP", () => {
  let dataDir: string;
  let file: string;
  let gateway: BuiltProcess | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "spo-sighup-"));
    await ensureDevKeys(dataDir);
    file = path.join(dataDir, "supergraph.graphql");
    writeFileSync(file, ORIGINAL);
  });
  afterAll(async () => {
    await gateway?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "refuses a broken supergraph on SIGHUP and says so in health, then serves a good one on the next",
    async () => {
      gateway = startBuilt(GATEWAY, {
        DATA_DIR: dataDir,
        GATEWAY_PORT: "0",
        SUPERGRAPH_PATH: file,
        SUPERGRAPH_WATCH: "false",
        PEOPLE_URL: NO_SUBGRAPH,
        ORDERS_URL: NO_SUBGRAPH,
        HEARINGS_URL: NO_SUBGRAPH,
        BREACHES_URL: NO_SUBGRAPH,
      });
      const [, url] = await gateway.waitForLine(/"msg":"listening on (http:[^"\s]+)"/, "the gateway listens");
      const reloadState = async () =>
        ((await (await fetch(new URL("/health/ready", url))).json()) as { dependencies: Record<string, string> }).dependencies[
          "supergraph reload"
        ];
      expect(await reloadState()).toBe("ready");

      writeFileSync(file, "type Query {");
      gateway.signal("SIGHUP");
      await gateway.waitForLine(
        /supergraph reload refused, the previous one still served: not a valid supergraph/,
        "the refusal is logged",
      );
      expect(await reloadState()).toMatch(/^reload refused at /);
      expect(gateway.isRunning()).toBe(true);

      writeFileSync(
        file,
        ORIGINAL.replace(
          "  region: Region! @join__field(graph: PEOPLE)\n",
          "  region: Region! @join__field(graph: PEOPLE)\n  added: String @join__field(graph: PEOPLE)\n",
        ),
      );
      gateway.signal("SIGHUP");
      await gateway.waitForLine(/supergraph reloaded from /, "the reload is logged");
      expect(await reloadState()).toBe("ready");
    },
    BUILD_AND_START_MS + 60_000,
  );
});
