/**
 * The page's one way to the API: a trusted document by its id (automatic
 * persisted queries' sha256Hash), never a query's text. What went wrong is
 * told apart, so the page can say it: the sign-in no longer accepted, the
 * caller refused, the API not answering, or an answer with errors (partial).
 */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export type Outcome<T> =
  | { kind: "ok"; data: T }
  | { kind: "partial"; data: T | null; errors: GraphQLError[] }
  | { kind: "refused"; errors: GraphQLError[] }
  | { kind: "signed-out"; status: number }
  | { kind: "unavailable"; reason: string };

/** Error codes meaning "this caller may not", whatever else failed. */
const REFUSAL_CODES = new Set([
  "UNAUTHORIZED_FIELD_OR_TYPE",
  "FORBIDDEN",
  "PERSISTED_QUERY_NOT_IN_LIST",
  "JUSTIFICATION_REQUIRED",
  "OUT_OF_JURISDICTION",
]);

export async function runOperation<T>(
  endpoint: string,
  token: string,
  operationName: string,
  id: string,
  variables: Record<string, unknown>,
): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return { kind: "unavailable", reason: "the API did not answer (network error)" };
  }
  if (response.status === 401) return { kind: "signed-out", status: 401 };
  if (response.status === 429) {
    const retry = response.headers.get("retry-after");
    return {
      kind: "unavailable",
      reason: `this sign-in's request budget is spent (rate limited)${retry ? `; try again in ${retry} s` : ""}`,
    };
  }
  let body: { data?: T | null; errors?: GraphQLError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { kind: "unavailable", reason: `the API answered HTTP ${response.status} without a GraphQL response` };
  }
  const errors = body.errors ?? [];
  if (errors.some((error) => REFUSAL_CODES.has(error.extensions?.code ?? ""))) return { kind: "refused", errors };
  if (errors.some((error) => error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")) {
    return { kind: "unavailable", reason: "the API does not know this dashboard's operations (trusted documents missing)" };
  }
  if (response.status >= 500 && (body.data === undefined || body.data === null)) {
    return { kind: "unavailable", reason: `the API answered HTTP ${response.status}` };
  }
  if (errors.length > 0) return { kind: "partial", data: body.data ?? null, errors };
  if (body.data === undefined || body.data === null) return { kind: "unavailable", reason: "the API answered without data" };
  return { kind: "ok", data: body.data };
}
