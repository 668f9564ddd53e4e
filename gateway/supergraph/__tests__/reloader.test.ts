import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { AuthorizationPolicy } from "../../authz/policy";
import { repoPath } from "../../../platform/repo-root";
import { SupergraphReloader } from "../reloader";

const ORIGINAL = readFileSync(repoPath("schema", "supergraph.graphql"), "utf8");
const CHANGED = ORIGINAL.replace(
  "  region: Region! @join__field(graph: PEOPLE)\n",
  "  region: Region! @join__field(graph: PEOPLE)\n  added: String @join__field(graph: PEOPLE)\n",
);
const executable = (sdl: string) => AuthorizationPolicy.fromSupergraph(sdl).executableSupergraphSdl;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("SupergraphReloader", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "reloader-"));
    file = path.join(dir, "supergraph.graphql");
    await writeFile(file, ORIGINAL);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A reloader started as @apollo/gateway starts it, recording what it was given to serve and what it was told was served. */
  async function started(watch: boolean, prepare: (sdl: string) => string = executable) {
    const updates: string[] = [];
    const loaded: string[] = [];
    const reloader = new SupergraphReloader(ORIGINAL, { path: file, watch }, pino({ level: "silent" }));
    const hook = reloader.hook({ prepare, loaded: (sdl) => loaded.push(sdl) });
    const initial = await hook({
      update: (sdl) => updates.push(sdl),
      healthCheck: async () => undefined,
      getDataSource: () => undefined as never,
    });
    return { reloader, initial, updates, loaded };
  }

  it("starts with the file it was given, through the concerns' preparation, told once served", async () => {
    const { initial, updates, loaded } = await started(false);
    expect(initial.supergraphSdl).toBe(executable(ORIGINAL));
    expect(updates).toEqual([]);
    expect(loaded).toEqual([ORIGINAL]);
    await initial.cleanup?.();
  });

  it("reloads by itself when the watched file changes", async () => {
    const { initial, updates, loaded } = await started(true);
    try {
      await writeFile(file, CHANGED);
      await until(() => updates.length === 1, "the changed file is served");
      expect(updates).toEqual([executable(CHANGED)]);
      expect(loaded).toEqual([ORIGINAL, CHANGED]);
    } finally {
      await initial.cleanup?.();
    }
  });

  it("reports the file unchanged when it is what is served", async () => {
    const { reloader, updates } = await started(false);
    expect(await reloader.reload()).toEqual({ kind: "unchanged" });
    expect(updates).toEqual([]);
  });

  it("refuses what a concern refuses, serving nothing new and telling no concern, until a good one comes", async () => {
    const { reloader, updates, loaded } = await started(false, (sdl) => {
      if (sdl.includes("added:")) throw new Error("a malformed directive\nwith detail");
      return executable(sdl);
    });
    await writeFile(file, CHANGED);
    expect(await reloader.reload()).toEqual({ kind: "refused", reason: "not a valid supergraph: a malformed directive" });
    expect(updates).toEqual([]);
    expect(loaded).toEqual([ORIGINAL]);
    expect(reloader.health()).toMatch(
      /^reload refused at \S+ \(not a valid supergraph: a malformed directive\); serving the supergraph loaded at \S+$/,
    );
    await writeFile(file, ORIGINAL);
    expect(await reloader.reload()).toEqual({ kind: "unchanged" });
    expect(reloader.health()).toBe("ready");
  });

  it("refuses a file it cannot read, naming the file and the error code only", async () => {
    const { reloader } = await started(false);
    await rm(file);
    expect(await reloader.reload()).toEqual({ kind: "refused", reason: `cannot read ${file} (ENOENT)` });
  });
});
