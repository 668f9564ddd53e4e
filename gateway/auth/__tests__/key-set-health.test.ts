import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { keySetHealth } from "../key-set-health";

/** JWKS_URL unreachable or empty makes the gateway unready, said in its log once per change. */
describe("the key set's health", () => {
  let keys: unknown[] = [];
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => server.close());

  it("is ready with keys, names an empty or unreachable key set, and logs each change once", async () => {
    const logged: string[] = [];
    // A generous bound: a loopback answer is not a test of the timeout, and a busy machine can take seconds.
    const health = keySetHealth(url, { cacheMs: 0, timeoutMs: 10_000, log: (message) => logged.push(message) });
    keys = [{ kty: "EC", kid: "idp" }];
    expect(await health()).toBe("ready");
    keys = [];
    expect(await health()).toBe("empty (no keys)");
    expect(await health()).toBe("empty (no keys)");
    keys = [{ kty: "EC", kid: "idp" }];
    expect(await health()).toBe("ready");
    expect(logged).toEqual([
      "[gateway] JWKS_URL empty (no keys): no caller's token can be verified, so the gateway is not ready",
      "[gateway] JWKS_URL answers with keys again: ready",
    ]);
    const unreachable = keySetHealth("http://127.0.0.1:9/jwks.json", { cacheMs: 0, log: () => undefined });
    expect(await unreachable()).toMatch(/^unreachable/);
  });
});
