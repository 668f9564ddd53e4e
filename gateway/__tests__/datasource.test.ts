import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { HeaderMap } from "@apollo/server";
import type { GatewayContext } from "../context";
import type { AssertionSigner } from "../../platform/identity/assertion";
import { SubgraphDataSource } from "../datasource";

const principal = { sub: "u", persona: null, scopes: [], jurisdiction: { kind: "national" as const }, purpose: null };

function send(source: SubgraphDataSource, context: GatewayContext): Promise<string | undefined> {
  const headers = new HeaderMap();
  const options = {
    request: { http: { headers, method: "POST", url: "" } },
    context,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return Promise.resolve(source.willSendRequest(options)).then(() => headers.get("authorization"));
}

describe("SubgraphDataSource", () => {
  it("signs one assertion per subgraph per request, addressed to that subgraph", async () => {
    const signed: string[] = [];
    const sign: AssertionSigner = async (_principal, audience, requestId) => {
      signed.push(`${audience}/${requestId}`);
      return `token-for-${audience}-${requestId}`;
    };
    const orders = new SubgraphDataSource("http://orders", "orders", sign);
    const people = new SubgraphDataSource("http://people", "people", sign);
    const first: GatewayContext = { requestId: "r1", principal, assertions: new Map() };
    const second: GatewayContext = { requestId: "r2", principal, assertions: new Map() };

    expect(await send(orders, first)).toBe("Bearer token-for-orders-r1");
    expect(await send(orders, first)).toBe("Bearer token-for-orders-r1");
    expect(await send(people, first)).toBe("Bearer token-for-people-r1");
    expect(await send(orders, second)).toBe("Bearer token-for-orders-r2");
    expect(signed).toEqual(["orders/r1", "people/r1", "orders/r2"]);
  });
});
