import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode } from "../../../platform/errors/errors";
import { createErrorMasking, valueCompletionMasked } from "..";

const logged: unknown[] = [];
const format = createErrorMasking((error) => logged.push(error));
const formatted = (error: GraphQLError): GraphQLFormattedError => format(error.toJSON(), error);

describe("gateway error masking", () => {
  beforeEach(() => {
    logged.length = 0;
  });

  it("masks an error without a public code, keeping only its path, and logs the original", () => {
    const error = new GraphQLError('relation "orders.spo" does not exist at 10.0.3.7', {
      path: ["order"],
      extensions: { serviceName: "orders", stacktrace: ["at pg"] },
    });
    expect(formatted(error)).toEqual({ message: "Internal server error", path: ["order"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logged).toEqual([error]);
  });

  it("keeps SUBGRAPH_UNAVAILABLE with its serviceName, cut at the first list and without an empty path", () => {
    const extensions = { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: "hearings", reason: "TIMEOUT", http: {} };
    expect(
      formatted(
        new GraphQLError("A service this request needs is unavailable", { path: ["orders", "nodes", "@", "hearings"], extensions }),
      ),
    ).toEqual({
      message: "A service this request needs is unavailable",
      path: ["orders", "nodes"],
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: "hearings" },
    });
    expect(formatted(new GraphQLError("A service this request needs is unavailable", { path: [], extensions }))).not.toHaveProperty("path");
  });

  it("reports a literal a scalar refused as BAD_USER_INPUT, not a malformed document", () => {
    const scalarError = new GraphQLError('Date must be an ISO 8601 calendar date such as 2020-08-13; got "2020-02-30"', {
      extensions: { code: "BAD_USER_INPUT" },
    });
    const validation = new GraphQLError(scalarError.message, {
      originalError: scalarError,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    expect(formatted(validation).extensions).toEqual({ code: "BAD_USER_INPUT" });
  });

  it("hides the number in graphql-js's token limit message", () => {
    const error = new GraphQLError("Syntax Error: Document contains more that 2000 tokens. Parsing aborted.", {
      extensions: { code: "GRAPHQL_PARSE_FAILED" },
    });
    expect(formatted(error)).toEqual({
      message: "Syntax Error: Document has too many tokens.",
      extensions: { code: "GRAPHQL_PARSE_FAILED", reason: "OPERATION_LIMIT_EXCEEDED" },
    });
  });
});

describe("valueCompletionMasked", () => {
  it("keeps the gateway's valueCompletion details (our types and fields) from the client, logging them", async () => {
    const valueCompletion = [{ message: "Cannot return null for non-nullable field Person.spoStatus.", path: ["person", "spoStatus"] }];
    const inner = async () => ({ data: { person: null }, extensions: { valueCompletion } });
    const logs: string[] = [];
    const executor = valueCompletionMasked(inner, (message) => logs.push(message));
    expect(await executor({} as never)).toEqual({ data: { person: null } });
    expect(logs).toEqual(['value completion at ["person","spoStatus"]: Cannot return null for non-nullable field Person.spoStatus.']);
  });
});
