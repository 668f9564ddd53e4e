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
  it("names the supergraph and each subgraph, with what a subgraph reports failing", async () => {
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
        }),
      ).toEqual({
        supergraph: "not loaded",
        "subgraph people": "ready",
        "subgraph orders": "not ready (database: not answering)",
        "subgraph hearings": "unreachable",
      });
    } finally {
      ready.server.close();
      noDatabase.server.close();
    }
  });
});
