import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, parse } from "graphql";
import type { Principal } from "../../../platform/identity/principal";
import { FailOpenCache } from "../fail-open-cache";
import { DataGenerations } from "../generations";
import { emptyMetrics } from "../metrics";
import { cachedDocuments, responseCachingExecutor } from "../response-caching-executor";
import { wrapExecutorWith } from "../../concern";

const SCHEMA = buildSchema(`
  type Query { forces: [Force!] spoStatistics: [SpoStatistics!]! }
  type Mutation { reportBreach: Boolean }
  type Force { code: ID! name: String }
  type SpoStatistics { scope: String! }
`);
const DASHBOARD: Principal = {
  sub: "d",
  persona: "reporting-dashboard",
  scopes: ["stats:read"],
  jurisdiction: { kind: "national" },
  purpose: null,
};

/** The wrapper around an executor that answers `answers` in turn and counts its calls. */
async function cachingGateway(answers: GatewayExecutionResult[], store: KeyValueCache<string> = new InMemoryLRUCache<string>()) {
  const metrics = emptyMetrics();
  const calls = { count: 0 };
  const inner = async () => answers[Math.min(calls.count++, answers.length - 1)];
  const failOpen = new FailOpenCache(store, () => metrics.storeErrors++);
  const options = {
    store: failOpen,
    generations: new DataGenerations(failOpen),
    allDomains: ["statistics" as const],
    ttlSeconds: 60,
    authorizationMode: "filter",
    supergraphId: () => "s1",
    metrics,
    documents: cachedDocuments(),
  };
  const executor = wrapExecutorWith(
    [{ name: "response cache", wrapExecutor: (execute) => responseCachingExecutor(execute, options) }],
    inner,
  );
  const run = (source: string) =>
    executor({
      schema: SCHEMA,
      document: parse(source),
      request: { query: source },
      context: { principal: DASHBOARD },
    } as unknown as GatewayGraphQLRequestContext);
  return { run, metrics, calls };
}

describe("the response-caching gateway", () => {
  it("stores a complete answer and serves it again without calling the executor", async () => {
    const { run, calls, metrics } = await cachingGateway([{ data: { forces: [{ code: "07" }] } }]);
    expect(await run(`{ forces { code } }`)).toEqual({ data: { forces: [{ code: "07" }] } });
    expect(await run(`{ forces { code } }`)).toEqual({ data: { forces: [{ code: "07" }] } });
    expect(calls.count).toBe(1);
    expect(metrics).toMatchObject({ hits: 1, misses: 1, stored: 1 });
  });

  it("never stores a partial answer: data with any error is returned and forgotten", async () => {
    const partial: GatewayExecutionResult = { data: { forces: null }, errors: [{ message: "subgraph unavailable" } as never] };
    const { run, calls, metrics } = await cachingGateway([partial, { data: { forces: [] } }]);
    expect(await run(`{ forces { code } }`)).toBe(partial);
    expect(await run(`{ forces { code } }`)).toEqual({ data: { forces: [] } });
    expect(calls.count).toBe(2);
    expect(metrics).toMatchObject({ hits: 0, misses: 2, stored: 1 });
  });

  it("runs mutations and operations off the allow-list untouched, and a mutation makes the next statistics request a miss", async () => {
    const { run, calls, metrics } = await cachingGateway([{ data: { spoStatistics: [] } }]);
    await run(`{ spoStatistics { scope } }`);
    await run(`{ spoStatistics { scope } }`);
    expect(calls.count).toBe(1);
    await run(`mutation { reportBreach }`);
    await run(`{ __schema { queryType { name } } }`);
    expect(calls.count).toBe(3);
    await run(`{ spoStatistics { scope } }`);
    expect(calls.count).toBe(4);
    expect(metrics).toMatchObject({ hits: 1, misses: 2, passedThrough: 2 });
  });

  it("answers as if there were no cache when its store fails on every command", async () => {
    const broken: KeyValueCache<string> = {
      get: () => Promise.reject(new Error("connection refused")),
      set: () => Promise.reject(new Error("connection refused")),
      delete: () => Promise.reject(new Error("connection refused")),
    };
    const { run, calls, metrics } = await cachingGateway([{ data: { forces: [] } }], broken);
    expect(await run(`{ forces { code } }`)).toEqual({ data: { forces: [] } });
    expect(await run(`{ forces { code } }`)).toEqual({ data: { forces: [] } });
    expect(calls.count).toBe(2);
    expect(metrics.hits).toBe(0);
    expect(metrics.storeErrors).toBeGreaterThan(0);
  });
});
