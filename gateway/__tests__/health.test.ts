import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { gatewayReadiness } from "../health";

/** A loopback stand-in for a subgraph whose readiness probe answers `status` with `body`. */
async function probeServer(status: number, body: unknown) {
  const server = http.createServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe("gateway readiness", () => {
  it("requires the supergraph and its own checks; names each subgraph, with what it reports failing, without requiring it", async () => {
    const ready = await probeServer(200, { status: "ready", checks: { database: "ready" } });
    const noDatabase = await probeServer(503, { status: "not ready", checks: { database: "not answering", redis: "ready" } });
    const gone = await probeServer(200, {});
    gone.server.close();
    await once(gone.server, "close");
    try {
      expect(
        await gatewayReadiness({
          supergraphLoaded: false,
          subgraphUrls: { people: ready.url, orders: noDatabase.url, hearings: gone.url },
          subgraphCallState: (name) =>
            name === "people" ? "refuses the gateway's identity assertions (HTTP 401): configuration error" : "ready",
          required: { "audit store": async () => "ready", "key set": async () => "empty (no keys)" },
          reported: { "response cache (Redis)": () => new Promise<string>(() => undefined) },
          // The bound is what ends the check that never answers; loopback probes answer well within it on a busy machine.
          timeoutMs: 2_000,
        }),
      ).toEqual({
        checks: { supergraph: "not loaded", "audit store": "ready", "key set": "empty (no keys)" },
        dependencies: {
          // What the gateway's own calls found outranks the subgraph's probe, which cannot see it.
          "subgraph people": "refuses the gateway's identity assertions (HTTP 401): configuration error",
          "subgraph orders": "not ready (database: not answering)",
          "subgraph hearings": "unreachable",
          "response cache (Redis)": "not answering",
        },
      });
    } finally {
      ready.server.close();
      noDatabase.server.close();
    }
  });
});
