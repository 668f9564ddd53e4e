import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { fixedClock } from "../platform/clock";
import { repoPath } from "../platform/repo-root";
import { principalFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

const ORIGINAL = readFileSync(repoPath("schema", "supergraph.graphql"), "utf8");
const FORCE_REGION = "  region: Region! @join__field(graph: PEOPLE)\n";
/** The checked-in supergraph with one field more on Force (people's, for person:read), as a new composition would bring. */
const WITH_PROBE = ORIGINAL.replace(
  FORCE_REGION,
  `${FORCE_REGION}  reloadProbe: String @join__field(graph: PEOPLE) @requiresScopes(scopes: [["person:read"]])\n`,
);
/** The checked-in supergraph without Person.pncId, which the public contract has. */
const WITHOUT_PNC_ID = ORIGINAL.replace("  pncId: String @join__field(graph: PEOPLE)\n", "");
const FORCES = `{ forces { code } }`;
const FORCE_FIELDS = `{ __type(name: "Force") { fields { name } } }`;
/** Sees forces, not people: without person:read. */
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");

/**
 * The gateway reloading its supergraph file (what SIGHUP does): a request in flight finishes; a new field is
 * served after; a file that is no supergraph, or one that breaks the public contract, is refused with the
 * previous supergraph still served, logged, and named in the gateway's health until a reload succeeds.
 */
describe("supergraph reload", () => {
  let dir: string;
  let file: string;
  let stack: TestStack;
  let holder: http.Server;
  /** The next call to people waits here until released (a request in flight for as long as the test needs). */
  let hold: { arrived: () => void; released: Promise<void> } | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "supergraph-reload-"));
    file = path.join(dir, "supergraph.graphql");
    await writeFile(file, ORIGINAL);
    let people = "";
    holder = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        // Only an operation is held: the gateway's readiness probes pass straight through.
        const held = request.method === "POST" ? hold : undefined;
        if (held) hold = undefined;
        if (held) {
          held.arrived();
          await held.released;
        }
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
        ) as Record<string, string>;
        const body = request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.concat(chunks);
        const answer = await fetch(new URL(request.url ?? "/", people), { method: request.method, headers, body });
        response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const holderUrl = `http://127.0.0.1:${(holder.address() as { port: number }).port}/graphql`;
    stack = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock("2026-11-23"),
      supergraphFile: { path: file, watch: false },
      routeSubgraphs: async (urls) => {
        people = urls.people;
        return { people: holderUrl };
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => holder?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const forceFields = async () => {
    const { body } = await stack.query(FORCE_FIELDS);
    return (body.data!.__type.fields as { name: string }[]).map((field) => field.name);
  };
  const reloadHealth = async () => {
    const response = await fetch(new URL("/health/ready", stack.gatewayUrl));
    const body = (await response.json()) as { dependencies: Record<string, string> };
    return { status: response.status, reload: body.dependencies["supergraph reload"] };
  };

  it("finishes a request in flight across a reload, and serves the new supergraph's field after it", async () => {
    expect(await forceFields()).not.toContain("reloadProbe");
    let arrived!: () => void;
    let release!: () => void;
    const reachedPeople = new Promise<void>((resolve) => (arrived = resolve));
    hold = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
    const inFlight = stack.query(FORCES);
    await reachedPeople;

    await writeFile(file, WITH_PROBE);
    expect(await stack.reloadSupergraph()).toEqual({ kind: "loaded" });
    release();
    const answered = await inFlight;
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data!.forces).toHaveLength(45);

    expect(await forceFields()).toContain("reloadProbe");
    expect((await stack.query(FORCES)).body.data!.forces).toHaveLength(45);
    expect(await reloadHealth()).toEqual({ status: 200, reload: "ready" });
    // The new field's scopes came with it: refused to a caller without person:read, before any subgraph is asked.
    const refused = await stack.query(`{ forces { code reloadProbe } }`, undefined, DASHBOARD);
    expect(refused.body.errors?.map((error) => [error.extensions?.code, error.path?.join(".")])).toContainEqual([
      "UNAUTHORIZED_FIELD_OR_TYPE",
      "forces.reloadProbe",
    ]);
  });

  it("refuses a file that is no supergraph, keeps serving the one it has, and says so in health", async () => {
    await writeFile(file, "type Query {");
    const outcome = await stack.reloadSupergraph();
    expect(outcome).toMatchObject({ kind: "refused", reason: expect.stringMatching(/^not a valid supergraph: /) });
    expect(await forceFields()).toContain("reloadProbe");
    expect((await stack.query(FORCES)).body.data!.forces).toHaveLength(45);
    const health = await reloadHealth();
    expect(health.status).toBe(200);
    expect(health.reload).toMatch(/^reload refused at \S+ \(not a valid supergraph: .*\); serving the supergraph loaded at \S+$/);
  });

  it("refuses a supergraph that breaks the public contract, naming what it breaks", async () => {
    await writeFile(file, WITHOUT_PNC_ID);
    expect(await stack.reloadSupergraph()).toEqual({ kind: "refused", reason: "breaks the public contract: Person.pncId was removed." });
    const { body } = await stack.query(`{ __type(name: "Person") { fields { name } } }`);
    expect((body.data!.__type.fields as { name: string }[]).map((field) => field.name)).toContain("pncId");
    expect((await reloadHealth()).reload).toMatch(/breaks the public contract: Person\.pncId was removed\./);
  });

  it("serves a good supergraph again after a refusal, and health is ready again", async () => {
    await writeFile(file, ORIGINAL);
    expect(await stack.reloadSupergraph()).toEqual({ kind: "loaded" });
    expect(await forceFields()).not.toContain("reloadProbe");
    expect(await reloadHealth()).toEqual({ status: 200, reload: "ready" });
  });
});
