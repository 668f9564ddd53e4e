import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, parse } from "graphql";
import { wrapExecutorWith, type GatewayConcern } from "../concern";
import { orderedConcerns, type GatewayConcerns } from "../concerns";

const schema = buildSchema("type Query { open: String }");

function tracing(name: string, trace: string[]): GatewayConcern {
  return {
    name,
    wrapExecutor: (execute) => async (requestContext) => {
      trace.push(`${name} in`);
      const result = await execute(requestContext);
      trace.push(`${name} out`);
      return result;
    },
  };
}

describe("composing gateway concerns", () => {
  it("wraps the executor with the first concern outermost, skipping concerns without a wrapper", async () => {
    const trace: string[] = [];
    const inner: GatewayExecutor = async () => {
      trace.push("planner");
      return { data: { open: "o" } };
    };
    const execute = wrapExecutorWith([tracing("outer", trace), { name: "no wrapper" }, tracing("inner", trace)], inner);
    const requestContext = { schema, document: parse("{ open }"), request: {}, context: {} } as unknown as GatewayGraphQLRequestContext;
    expect(await execute(requestContext)).toEqual({ data: { open: "o" } });
    expect(trace).toEqual(["outer in", "inner in", "planner", "inner out", "outer out"]);
  });

  it("puts the concerns in the stated order: the audit trail outermost of the wrappers, authorization innermost", () => {
    const named = (name: string) => ({ name }) as never;
    const concerns = Object.fromEntries(
      [
        "authentication",
        "requestId",
        "tracing",
        "accessLog",
        "metrics",
        "dashboard",
        "ide",
        "cors",
        "rateLimits",
        "trustedDocuments",
        "persistedQueries",
        "storableText",
        "limits",
        "inputScalars",
        "auditTrail",
        "responseCache",
        "masking",
        "authorization",
        "auditGraph",
        "subgraphCalls",
      ].map((key) => [key, named(key)]),
    ) as unknown as GatewayConcerns;
    expect(orderedConcerns(concerns).map((concern) => concern.name)).toEqual([
      "authentication",
      "requestId",
      "tracing",
      "accessLog",
      "metrics",
      "dashboard",
      "ide",
      "cors",
      "rateLimits",
      "trustedDocuments",
      "persistedQueries",
      "storableText",
      "limits",
      "inputScalars",
      "auditTrail",
      "responseCache",
      "masking",
      "authorization",
      "auditGraph",
      "subgraphCalls",
    ]);
  });
});
