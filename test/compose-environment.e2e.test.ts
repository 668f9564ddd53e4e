import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { importJWK, SignJWT, type JWK } from "jose";
import { Client } from "pg";
import { parse } from "yaml";
import { devTokenClaims } from "../dev/dev-token";
import { ensureComposeKeys } from "../dev/deploy/compose-keys.cli";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { devKeyFiles } from "../platform/identity/keys";
import { repoPath } from "../platform/repo-root";
import { BUILD_AND_START_MS, runBuilt, startBuilt, type BuiltProcess } from "./support/built-process";
import { freePort } from "./support/redis-server-process";
import { isPostgresAvailable, isRedisAvailable, REQUIRE_SERVICES, TEST_DATABASE_URL, TEST_REDIS_URL } from "./support/services";

/**
 * docker-compose.yml without a Docker engine: every service started as its container would be — the
 * command compose gives it, exactly the environment compose gives it (merged anchors and ${…} defaults
 * resolved, plus the image's own ENV), the keys `npm run compose:keys` makes at the path compose mounts
 * them — with only what a machine without containers cannot have rewritten: the hosts (postgres, redis,
 * each service's name) become this machine's, each port a free one, the mount's path the keys' folder.
 * The documented sequence runs: seed, start, every service healthy by compose's own health check, then
 * the README's first request answered.
 */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const compose = parse(readFileSync(repoPath("docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** ${NAME:-default} as compose resolves it with NAME unset. */
const resolveDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");

/** The image's ENV (Dockerfile's last stage): what every container has before compose adds its own. */
function imageEnvironment(): Record<string, string> {
  const lastStage = readFileSync(repoPath("Dockerfile"), "utf8")
    .split(/^FROM /m)
    .pop()!;
  const line = /^ENV (.+)$/m.exec(lastStage)?.[1] ?? "";
  return Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1], match[2]]));
}

const SERVICES = [...SUBGRAPH_NAMES, "gateway"] as const;
type ServiceName = (typeof SERVICES)[number];

const available = Promise.all([isPostgresAvailable(), isRedisAvailable()]).then(
  ([pg, redis]) => TEST_DATABASE_URL.startsWith("postgres") && pg && redis,
);

describe("docker-compose.yml's services, started with exactly its environment", () => {
  const database = `test_compose_${randomBytes(4).toString("hex")}`;
  const keysDir = mkdtempSync(path.join(os.tmpdir(), "spo-compose-"));
  const running: BuiltProcess[] = [];
  let ports: Record<ServiceName, number>;
  let runnable = false;

  /** Compose's value with this machine's hosts, ports and key folder in place of the containers'. */
  function onThisMachine(value: string): string {
    const pg = new URL(TEST_DATABASE_URL);
    const redis = new URL(TEST_REDIS_URL);
    let rewritten = resolveDefaults(value)
      .replace(/^postgres:\/\/[^@]+@postgres:5432\/spo$/, `postgres://${pg.username}@${pg.host}/${database}`)
      // Its own Redis database: none of the other suites' streams or groups.
      .replace(/^redis:\/\/redis:6379$/, `redis://${redis.host}/12`)
      .replace("/run/spo/keys", path.join(keysDir, "keys"));
    for (const service of SERVICES)
      rewritten = rewritten.replace(new RegExp(`^http://${service}:\\d+/`), `http://127.0.0.1:${ports[service]}/`);
    return rewritten;
  }

  function environmentOf(service: ServiceName): Record<string, string> {
    const env: Record<string, string> = { ...imageEnvironment(), HOST: "127.0.0.1" };
    for (const [name, value] of Object.entries(compose.services[service].environment ?? {})) env[name] = onThisMachine(String(value));
    for (const name of Object.keys(env))
      if (/_PORT$/.test(name)) env[name] = String(ports[name.replace(/_PORT$/, "").toLowerCase() as ServiceName]);
    return env;
  }

  /** The entry point compose runs (`node dist/…js`), as scripts/run-built.js takes it. */
  const entryOf = (service: ServiceName) => compose.services[service].command![1];

  beforeAll(async () => {
    runnable = await available;
    if (!runnable) {
      if (REQUIRE_SERVICES) throw new Error("Postgres and Redis are required (REQUIRE_SERVICES=1)");
      console.warn("SKIPPED: docker-compose environment test (needs Postgres and Redis)");
      return;
    }
    ports = Object.fromEntries(await Promise.all(SERVICES.map(async (service) => [service, await freePort()]))) as Record<
      ServiceName,
      number
    >;
    await ensureComposeKeys(keysDir);
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.end());
    execFileSync("redis-cli", ["-u", `${TEST_REDIS_URL.replace(/\/\d*$/, "")}/12`, "FLUSHDB"]);
  }, BUILD_AND_START_MS);

  afterAll(async () => {
    await Promise.all(running.map((child) => child.kill()));
    rmSync(keysDir, { recursive: true, force: true });
    if (!runnable) return;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).finally(() => admin.end());
  });

  it("mounts the keys compose:keys makes where every service reads them, and gives production every setting it requires", () => {
    const files = devKeyFiles(keysDir);
    for (const service of SERVICES) expect(compose.services[service].volumes).toEqual(["./.compose/keys:/run/spo/keys:ro"]);
    expect(compose.services.gateway.environment).toMatchObject({
      JWT_PUBLIC_KEYS_FILE: `/run/spo/keys/${path.basename(files.devIdpPublicKeys)}`,
      GATEWAY_SIGNING_KEY_FILE: `/run/spo/keys/${path.basename(files.gatewayPrivateKey)}`,
      AUDIT_HASH_KEYS_FILE: "/run/spo/keys/audit-hash-keys.json",
    });
    for (const name of SUBGRAPH_NAMES) {
      expect(compose.services[name].environment?.GATEWAY_JWKS_FILE).toBe(`/run/spo/keys/${path.basename(files.gatewayPublicKeys)}`);
    }
    expect(imageEnvironment().NODE_ENV).toBe("production");
  });

  it(
    "seeds, starts every service healthy by compose's own health check, and answers the README's first request",
    async () => {
      if (!runnable) return;
      // The documented first step: the dataset loaded by a one-off run of a subgraph's container.
      const seeded = await runBuilt("dist/dev/dataset/seed.cli.js", ["--orders", "200"], environmentOf("people"), BUILD_AND_START_MS);
      expect({ code: seeded.code, failure: seeded.code === 0 ? "" : seeded.stdout + seeded.stderr }).toEqual({ code: 0, failure: "" });

      for (const service of SERVICES) {
        const child = startBuilt(entryOf(service), environmentOf(service));
        running.push(child);
        // Compose's health check, run as compose runs it in the container: its command, the service's environment.
        const [, ...probe] = compose.services[service].healthcheck!.test;
        const args = probe.slice(1).map((arg) => (/^\d+$/.test(arg) ? String(ports[service]) : arg));
        const healthy = () => {
          try {
            execFileSync(process.execPath, [repoPath(args[0]), ...args.slice(1)], { env: environmentOf(service), stdio: "ignore" });
            return true;
          } catch {
            return false;
          }
        };
        const deadline = Date.now() + BUILD_AND_START_MS;
        while (!healthy()) {
          if (!child.isRunning()) throw new Error(`${service} exited:\n${child.lines().join("\n")}`);
          if (Date.now() > deadline) throw new Error(`${service} never became healthy:\n${child.lines().join("\n")}`);
          await new Promise((resolve) => setTimeout(resolve, 250)); // polling a readiness probe, as compose does
        }
      }

      const keys = devKeyFiles(keysDir);
      const idpKey = await importJWK(JSON.parse(readFileSync(keys.devIdpPrivateKey, "utf8")) as JWK, "ES256");
      const claims = devTokenClaims({ persona: "force-officer", force: "21", purpose: "risk assessment", ttl: "5m" });
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "dev-idp-1" }).sign(idpKey);
      const response = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: '{ searchPeople(search: { pncId: "03/0271828K" }) { stalkingProtectionOrders { reference status } } }',
        }),
      });
      const body = (await response.json()) as { data?: { searchPeople: { stalkingProtectionOrders: { reference: string }[] }[] } };
      expect(response.status).toBe(200);
      expect(body.data?.searchPeople[0].stalkingProtectionOrders.length).toBeGreaterThan(0);
    },
    BUILD_AND_START_MS * 2,
  );
});
