import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDevKeys } from "../dev/dev-keys";
import { appendAuditEntries, migrateAuditStore } from "../platform/audit/store";
import { LOCK_FILE } from "../platform/db/data-dir-lock";
import { openPglite } from "../platform/db/db";
import { sampleAuditEntry } from "./support/audit";
import { BUILD_AND_START_MS, runBuilt, startBuilt, type BuiltProcess, type CompletedRun } from "./support/built-process";

/** Longer than the CLI ever needs once dist/ is built; a CLI waiting on the folder instead of refusing it is killed and fails. */
const CLI_BOUND_MS = 60_000;
const AUDIT_CLI = "dist/gateway/audit.cli.js";
const GATEWAY = "dist/gateway/main.js";
/** Nothing listens there: the gateway starts (it serves without its subgraphs) and never reaches another stack's. */
const NO_SUBGRAPH = "http://127.0.0.1:9/graphql";

/**
 * Embedded PGlite is one process's database. With the gateway's embedded
 * audit store held by a running gateway (npm start runs it so, on DATA_DIR),
 * the audit CLI on the same folder is refused at once, told who holds it and
 * what to do, and the trail is exactly what it was. Real processes: the
 * gateway's compiled main and the CLI behind `npm run audit`.
 */
describe("the audit CLI beside a running gateway on the same embedded store", () => {
  let dataDir: string;
  let gateway: BuiltProcess | undefined;
  const env = () => ({ DATA_DIR: dataDir });
  const audit = (...args: string[]): Promise<CompletedRun> => runBuilt(AUDIT_CLI, args, env(), CLI_BOUND_MS);
  /** The first run compiles dist/ when it is stale. */
  const firstAudit = (...args: string[]): Promise<CompletedRun> => runBuilt(AUDIT_CLI, args, env(), BUILD_AND_START_MS);
  const WHO_CONSULTED = ["who-consulted", "--person", "person-1", "--justification", "subject access request 2026/41"];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "spo-audit-lock-"));
    // What npm start does before any service starts: the development keys the gateway reads.
    await ensureDevKeys(dataDir);
    // A trail with records in it, written the way the gateway writes them; closed, so the folder is free again.
    const store = openPglite({ dataDir: path.join(dataDir, "audit") });
    try {
      await migrateAuditStore(store);
      await appendAuditEntries(
        store,
        [1, 2, 3].map((n) => sampleAuditEntry(n)),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await gateway?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "refuses every command at once with exit 3, naming the gateway's process and what to do, and leaves the trail as it was",
    async () => {
      // The control: with the folder free, the CLI reads it (and says how long the trail is and where it ends).
      const before = await firstAudit("verify");
      expect(before).toMatchObject({ code: 0, stderr: expect.not.stringMatching(/in use/) });
      expect(before.stdout).toMatch(/^audit trail verified: 3 records, unbroken; the last is #3, hash [0-9a-f]{64}$/m);

      gateway = startBuilt(GATEWAY, {
        ...env(),
        GATEWAY_PORT: "0",
        PEOPLE_URL: NO_SUBGRAPH,
        ORDERS_URL: NO_SUBGRAPH,
        HEARINGS_URL: NO_SUBGRAPH,
        BREACHES_URL: NO_SUBGRAPH,
      });
      const [, url] = await gateway.waitForLine(/"msg":"listening on (http:[^"\s]+)"/, "the gateway listens");
      // It holds the store: its readiness says its audit store answers.
      const readiness = await fetch(new URL("/health/ready", url));
      expect(((await readiness.json()) as { checks: Record<string, string> }).checks["audit store"]).toBe("ready");

      // A read that would itself be recorded, and a verification: neither opens the folder.
      for (const command of [WHO_CONSULTED, ["verify"]]) {
        const refused = await audit(...command);
        expect({ command: command[0], code: refused.code, signal: refused.signal, stdout: refused.stdout }).toEqual({
          command: command[0],
          code: 3,
          signal: null,
          stdout: "",
        });
        expect(refused.stderr).toContain(
          `audit: The embedded database in ${path.join(dataDir, "audit")} is in use by process ${gateway.pid} (`,
        );
        expect(refused.stderr).toContain(GATEWAY);
        expect(refused.stderr).toMatch(/stop that process first \(Ctrl-C in its terminal, or kill \d+\), or point DATA_DIR elsewhere/);
      }
      // Refused while the gateway kept running and holding it, not after it let go.
      expect(gateway.isRunning()).toBe(true);
      expect(existsSync(path.join(dataDir, "audit", LOCK_FILE))).toBe(true);

      gateway.signal("SIGTERM");
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      // Closed cleanly: its lock went with it.
      expect(existsSync(path.join(dataDir, "audit", LOCK_FILE))).toBe(false);

      // The trail is what it was: the same records, the same last hash.
      // (stderr aside: the control run may have said it was building dist/ first.)
      const after = await audit("verify");
      expect({ code: after.code, stdout: after.stdout }).toEqual({ code: before.code, stdout: before.stdout });
      // And the refusal is what kept it so: run with the folder free, the same read records itself.
      expect(await audit(...WHO_CONSULTED)).toMatchObject({ code: 0 });
      expect((await audit("verify")).stdout).toMatch(/^audit trail verified: 4 records, unbroken; the last is #4, /);
    },
    BUILD_AND_START_MS + 4 * CLI_BOUND_MS,
  );
});
