import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createSubgraphFetchers, SubgraphUnavailableError } from "..";

type Behaviour = (request: http.IncomingMessage, response: http.ServerResponse, attempt: number) => void;

/** A loopback server whose every request is handled by `behaviour`; counts the requests it received. */
async function fakeSubgraph(behaviour: Behaviour) {
  let attempts = 0;
  const server = http.createServer((request, response) => {
    attempts += 1;
    request.resume();
    request.on("end", () => behaviour(request, response, attempts));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    attempts: () => attempts,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const answer: Behaviour = (_request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ data: { ok: true } }));
};
const resetConnection: Behaviour = (request) => request.socket.destroy();
const QUERY = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "query Q { ok }" }) };
const MUTATION = { ...QUERY, body: JSON.stringify({ query: "mutation M { ok }" }) };

function fetchers(options: { timeoutMs?: number; volumeThreshold?: number; resetTimeoutMs?: number } = {}) {
  return createSubgraphFetchers(["orders"], {
    timeoutMs: options.timeoutMs ?? 2_000,
    keepAliveMs: 1_000,
    breaker: {
      errorThresholdPercentage: 50,
      volumeThreshold: options.volumeThreshold ?? 100,
      resetTimeoutMs: options.resetTimeoutMs ?? 60_000,
      windowMs: 60_000,
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<SubgraphUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SubgraphUnavailableError)) throw new Error(`expected SubgraphUnavailableError, got ${String(error)}`);
  return error;
}

describe("subgraph fetch", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function setUp(behaviour: Behaviour, options?: Parameters<typeof fetchers>[0]) {
    const subgraph = await fakeSubgraph(behaviour);
    const calls = fetchers(options);
    cleanups.push(
      () => calls.close(),
      () => subgraph.close(),
    );
    return { subgraph, calls, fetch: calls.fetchers.orders.fetcher };
  }

  it("answers with the subgraph's response", async () => {
    const { subgraph, fetch } = await setUp(answer);
    const response = await fetch(subgraph.url, QUERY);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ok: true } });
  });

  it("gives up on a subgraph that never answers, as TIMEOUT", async () => {
    const { subgraph, fetch } = await setUp(() => undefined, { timeoutMs: 150 });
    const error = await failure(fetch(subgraph.url, QUERY));
    expect(error).toMatchObject({ serviceName: "orders", reason: "TIMEOUT" });
    expect(subgraph.attempts()).toBe(1);
  });

  it("retries a query once when its connection fails", async () => {
    const { subgraph, fetch } = await setUp((request, response, attempt) =>
      attempt === 1 ? resetConnection(request, response, attempt) : answer(request, response, attempt),
    );
    const response = await fetch(subgraph.url, QUERY);
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(subgraph.attempts()).toBe(2);
  });

  it("prepares each attempt afresh, so the retry carries headers of its own (a new identity assertion)", async () => {
    const received: (string | undefined)[] = [];
    const { subgraph, fetch } = await setUp((request, response, attempt) => {
      received.push(request.headers.authorization);
      return attempt === 1 ? resetConnection(request, response, attempt) : answer(request, response, attempt);
    });
    let prepared = 0;
    const response = await fetch(subgraph.url, QUERY, async (init) => ({
      ...init,
      headers: { ...init?.headers, authorization: `attempt-${(prepared += 1)}` },
    }));
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(received).toEqual(["attempt-1", "attempt-2"]);
  });

  it("retries a query at most once", async () => {
    const { subgraph, fetch } = await setUp(resetConnection);
    expect(await failure(fetch(subgraph.url, QUERY))).toMatchObject({ reason: "CONNECTION_FAILED" });
    expect(subgraph.attempts()).toBe(2);
  });

  it("never retries a mutation (it may have been applied)", async () => {
    const { subgraph, fetch } = await setUp(resetConnection);
    expect(await failure(fetch(subgraph.url, MUTATION))).toMatchObject({ reason: "CONNECTION_FAILED" });
    expect(subgraph.attempts()).toBe(1);
  });

  it("treats 502/503/504 as unavailable", async () => {
    const { subgraph, fetch } = await setUp((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    expect(await failure(fetch(subgraph.url, QUERY))).toMatchObject({ reason: "BAD_GATEWAY" });
  });

  it("opens the circuit after repeated failures, failing fast without calling, then probes and closes on recovery", async () => {
    let healthy = false;
    const { subgraph, calls, fetch } = await setUp(
      (request, response, attempt) => (healthy ? answer(request, response, attempt) : response.writeHead(503).end()),
      { volumeThreshold: 3, resetTimeoutMs: 100 },
    );
    const { breaker } = calls.fetchers.orders;
    for (let i = 0; i < 3; i += 1) await failure(fetch(subgraph.url, QUERY));
    expect(breaker.opened).toBe(true);
    const before = subgraph.attempts();
    expect(await failure(fetch(subgraph.url, QUERY))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(subgraph.attempts()).toBe(before);

    healthy = true;
    await once(breaker, "halfOpen");
    expect(await (await fetch(subgraph.url, QUERY)).json()).toEqual({ data: { ok: true } });
    expect(breaker.closed).toBe(true);
  });
});
