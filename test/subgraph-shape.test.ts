import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { STREAMS, SUBGRAPH_NAMES } from "../domain/topology";
import { repoPath } from "../platform/repo-root";
import { SUBGRAPHS } from "../subgraphs/registry";

/**
 * Every subgraph has the same files with the same roles (docs/design.md, "One subgraph shape"), so
 * what is learnt of one holds for the other three. This keeps the shape from drifting.
 */

const SUBGRAPHS_DIR = repoPath("subgraphs");
const NAMES = SUBGRAPH_NAMES;
/** Folders of a subgraph that are not entity folders. */
const ROLE_FOLDERS = new Set(["events", "migrations", "__tests__"]);
/** What a file `<entity>.<role>.ts` of an entity folder may be. */
const ENTITY_FILE_ROLES = new Set(["type", "table", "resolver", "reference", "repository", "writer", "loaders", "input", "key"]);
const STREAM_NAMES: string[] = Object.values(STREAMS).map((stream) => stream.name);

/** Every source file below `dir` (tests included), relative to the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [path.relative(repoPath(), full)] : [];
  });
}

const isTest = (file: string) => file.includes("/__tests__/") || file.endsWith(".test.ts");
const subgraphSources = sourceFiles(SUBGRAPHS_DIR);
const productionSources = subgraphSources.filter((file) => !isTest(file));
const read = (file: string) => readFileSync(repoPath(file), "utf8");
const foldersOf = (dir: string) => readdirSync(dir).filter((entry) => statSync(path.join(dir, entry)).isDirectory());

describe("the shape of every subgraph", () => {
  it("subgraphs/ holds the subgraphs of the topology and shared/ (the stubs of SPO entities), nothing else", () => {
    // ESLint keeps each folder but shared/ out of the others: this keeps those folders the topology's subgraphs.
    expect(foldersOf(SUBGRAPHS_DIR).sort()).toEqual([...NAMES, "shared"].sort());
    expect(Object.keys(SUBGRAPHS)).toEqual([...NAMES]);
  });

  describe.each(NAMES)("%s", (name) => {
    const dir = path.join(SUBGRAPHS_DIR, name);

    it("has its definition, context, access table, migrations, dataset and main", () => {
      for (const file of ["subgraph.ts", "context.ts", "access.ts", "dataset.ts", "main.ts"]) {
        expect([name, file, existsSync(path.join(dir, file))]).toEqual([name, file, true]);
      }
      expect(statSync(path.join(dir, "migrations")).isDirectory()).toBe(true);
    });

    it(`subgraph.ts exports ${name}Subgraph, the registered definition, whose loaders come from context.ts`, async () => {
      const definition = (await import(`../subgraphs/${name}/subgraph`)) as Record<string, unknown>;
      const context = (await import(`../subgraphs/${name}/context`)) as Record<string, unknown>;
      expect(definition[`${name}Subgraph`]).toBe(SUBGRAPHS[name]);
      expect(SUBGRAPHS[name].name).toBe(name);
      expect(SUBGRAPHS[name].createLoaders).toBe(context.createLoaders);
    });

    it("consumes exactly the streams its events/ has a <stream>.consumer.ts for", () => {
      const consumes = Object.keys(SUBGRAPHS[name].consumes ?? {}).sort();
      const eventsDir = path.join(dir, "events");
      const consumerFiles = existsSync(eventsDir)
        ? readdirSync(eventsDir)
            .filter((file) => file.endsWith(".ts"))
            .sort()
        : [];
      expect(consumerFiles).toEqual(consumes.map((stream) => `${stream}.consumer.ts`));
      for (const stream of consumes) {
        expect(STREAM_NAMES).toContain(stream);
      }
      // Both ways: a consumer the topology names and that consumes nothing would hold up every publish.
      const consumerOf = Object.values(STREAMS)
        .filter((entry) => (entry.consumers as readonly string[]).includes(name))
        .map((entry) => entry.name)
        .sort();
      expect(consumes).toEqual(consumerOf);
    });

    it("appends to the outbox exactly the streams the topology says it produces", () => {
      const appended = new Set<string>();
      for (const file of productionSources.filter((candidate) => candidate.startsWith(`subgraphs/${name}/`))) {
        const calls = [...read(file).matchAll(/\bappendToOutbox\b(?:<[^>]*>)?\(([^,]*),\s*([^,]*),/g)];
        for (const [call, , stream] of calls) {
          // Named through STREAMS, so the topology is the only list of streams.
          const key = /^STREAMS\.(\w+)\.name$/.exec(stream.trim())?.[1];
          expect([file, call, key !== undefined]).toEqual([file, call, true]);
          appended.add(STREAMS[key as keyof typeof STREAMS].name);
        }
      }
      const producerOf = Object.values(STREAMS)
        .filter((entry) => entry.producer === name)
        .map((entry) => entry.name);
      expect([...appended].sort()).toEqual(producerOf.sort());
    });

    it("has entity folders of <entity>.<role>.ts files, each with its <entity>.type.ts", () => {
      for (const entity of foldersOf(dir).filter((folder) => !ROLE_FOLDERS.has(folder))) {
        const files = readdirSync(path.join(dir, entity)).filter((file) => file.endsWith(".ts"));
        expect([entity, files]).toEqual([entity, expect.arrayContaining([`${entity}.type.ts`])]);
        for (const file of files.filter((candidate) => candidate.startsWith(`${entity}.`))) {
          const role = file.slice(entity.length + 1, -".ts".length);
          expect([file, ENTITY_FILE_ROLES.has(role)]).toEqual([file, true]);
        }
      }
    });

    it("imports no other subgraph", () => {
      const others = NAMES.filter((other) => other !== name);
      for (const file of subgraphSources.filter((candidate) => candidate.startsWith(`subgraphs/${name}/`))) {
        const imported = [...read(file).matchAll(/from "([^"]+)"/g)].map((match) =>
          path.relative(repoPath(), path.resolve(repoPath(path.dirname(file)), match[1])),
        );
        const intoOthers = imported.filter((target) => others.some((other) => target.startsWith(`subgraphs/${other}/`)));
        expect([file, intoOthers]).toEqual([file, []]);
      }
    });
  });

  it("no subgraph has a server.ts", () => {
    expect(subgraphSources.filter((file) => path.basename(file) === "server.ts")).toEqual([]);
  });

  it("every defineSubgraph call is in a subgraph's subgraph.ts", () => {
    const defining = productionSources.filter((file) => /\bdefineSubgraph\(/.test(read(file)));
    expect(defining.sort()).toEqual(NAMES.map((name) => `subgraphs/${name}/subgraph.ts`).sort());
  });

  it("event consumers live only in a subgraph's events/", () => {
    const consumers = subgraphSources.filter((file) => /\.consumer(\.test)?\.ts$/.test(file));
    expect(consumers.filter((file) => !/^subgraphs\/[a-z]+\/events\/(__tests__\/)?[a-z-]+\.consumer(\.test)?\.ts$/.test(file))).toEqual([]);
  });

  it("stubs of foreign entities come from entityReferenceType, never a hand-written class", () => {
    // A hand-written stub class is what `static of(` gives away; entityReferenceType makes each one.
    expect(productionSources.filter((file) => /\bstatic of\(/.test(read(file)))).toEqual([]);
  });
});
