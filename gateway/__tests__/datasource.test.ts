import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "../context";
import type { AssertionSigner } from "../../platform/identity/assertion";
import { SubgraphDataSource } from "../datasource";
import type { SubgraphFetcher } from "../subgraph-fetch";

const principal = { sub: "u", persona: null, scopes: [], jurisdiction: { kind: "national" as const }, purpose: null };

function processOptions(context: GatewayContext, query: string): GraphQLDataSourceProcessOptions<GatewayContext> {
  return { kind: "HEALTH_CHECK", request: { query }, context } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

const okResponse = () =>
  ({
    ok: true,
    status: 200,
    statusText: "OK",
    url: "",
    headers: { get: () => "application/json", has: () => true },
    text: async () => JSON.stringify({ data: { ok: true } }),
    json: async () => ({ data: { ok: true } }),
  }) as unknown as Awaited<ReturnType<SubgraphFetcher>>;

describe("SubgraphDataSource", () => {
  it("signs an assertion for every attempt of every call, addressed to the subgraph and bound to the body sent", async () => {
    const signed: string[] = [];
    const sign: AssertionSigner = async (_principal, audience, requestId, body) => {
      signed.push(`${audience}/${requestId}/${body}`);
      return `assertion-${signed.length}`;
    };
    const sent: { body: string; authorization: string }[] = [];
    // A fetcher that, like subgraph-fetch's, retries once: each attempt prepared afresh.
    const fetcher: SubgraphFetcher = async (_url, init, prepareAttempt) => {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const prepared = prepareAttempt ? await prepareAttempt(init) : init;
        sent.push({ body: prepared!.body as string, authorization: prepared!.headers!.authorization });
      }
      return okResponse();
    };
    const orders = new SubgraphDataSource("http://orders", "orders", sign, fetcher);
    const context: GatewayContext = { requestId: "r1", principal };

    await orders.process(processOptions(context, "{ a }"));
    await orders.process(processOptions(context, "{ b }"));

    const bodyOf = (query: string) => JSON.stringify({ query });
    expect(signed).toEqual([
      `orders/r1/${bodyOf("{ a }")}`,
      `orders/r1/${bodyOf("{ a }")}`,
      `orders/r1/${bodyOf("{ b }")}`,
      `orders/r1/${bodyOf("{ b }")}`,
    ]);
    expect(sent.map(({ authorization }) => authorization)).toEqual([1, 2, 3, 4].map((n) => `Bearer assertion-${n}`));
    expect(sent.map(({ body }) => body)).toEqual([bodyOf("{ a }"), bodyOf("{ a }"), bodyOf("{ b }"), bodyOf("{ b }")]);
  });
});
