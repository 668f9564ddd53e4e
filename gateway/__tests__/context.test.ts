import { gatewayContextOf, type GatewayContext } from "../context";

const principal = { sub: "u", persona: null, scopes: [], jurisdiction: { kind: "national" as const }, purpose: null };

describe("gatewayContextOf", () => {
  it("gives the gateway's context back, typed, from what the gateway interface hands over untyped", () => {
    const context: GatewayContext = { requestId: "r1", principal };
    expect(gatewayContextOf(context as object)).toBe(context);
  });

  it("refuses anything else as an internal fault", () => {
    expect(() => gatewayContextOf({ requestId: "r1" })).toThrow("not the gateway's");
    expect(() => gatewayContextOf({ principal })).toThrow("not the gateway's");
  });
});
