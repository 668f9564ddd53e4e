import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * Every `extensions.code` an error reaching a client can carry, from the
 * gateway or from a subgraph reached with an assertion. docs/errors.md ("Errors
 * that reach clients") lists exactly these, and every one of them is raised
 * (test/error-codes.test.ts), so neither can name a code nothing raises.
 */
export const ErrorCode = {
  // Raised by Apollo Server itself, passed on as they are.
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  // Raised by the error classes below.
  UNAUTHENTICATED: "UNAUTHENTICATED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  JUSTIFICATION_REQUIRED: "JUSTIFICATION_REQUIRED",
  AUDIT_UNAVAILABLE: "AUDIT_UNAVAILABLE",
  UNAUTHORIZED_FIELD_OR_TYPE: "UNAUTHORIZED_FIELD_OR_TYPE",
  FORBIDDEN: "FORBIDDEN",
  SUBGRAPH_UNAVAILABLE: "SUBGRAPH_UNAVAILABLE",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  RATE_LIMITED: "RATE_LIMITED",
  PERSISTED_QUERY_NOT_IN_LIST: "PERSISTED_QUERY_NOT_IN_LIST",
  // What masking (masking.ts) leaves of any error without a code above.
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes no code of ours raises: Apollo Server's own refusals of a request or document. */
export const RAISED_BY_APOLLO_SERVER: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
]);

/**
 * An argument or input field a resolver refuses, named in `argument`. Like
 * every error below, it carries a code of ErrorCode; any other error is an
 * internal one and is masked (masking.ts).
 */
export class BadUserInputError extends GraphQLError {
  declare readonly extensions: { code: typeof ErrorCode.BAD_USER_INPUT; argument: string };

  /** @param argument the argument or input field at fault, e.g. "search.pncId". */
  constructor(argument: string, problem: string) {
    super(`Invalid ${argument}: ${problem}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
  }
}

/** A value no calendar has (2020-02-30) is the caller's mistake, reported as such wherever a scalar parses it. */
export function invalidScalarValueError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** No valid token at the gateway, or no valid identity assertion at a subgraph: HTTP 401. */
export class UnauthenticatedError extends GraphQLError {
  declare readonly extensions: { code: typeof ErrorCode.UNAUTHENTICATED; http: { status: 401 } };

  constructor() {
    // Deliberately says nothing of what was wrong: that would help an attacker, not a caller.
    super("Authentication required", { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

/** graphql-js's own error, answered with HTTP 400 and `code`. */
function badRequest(error: GraphQLError, extensions: { code: ErrorCode }): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...extensions, http: { status: 400 } },
  });
}

/** graphql-js's error for an unknown or ambiguous operationName, answered with HTTP 400. */
export function operationResolutionError(error: GraphQLError): GraphQLError {
  return badRequest(error, { code: ErrorCode.OPERATION_RESOLUTION_FAILURE });
}

/** graphql-js's error for a variable that does not fit its type, answered with HTTP 400. */
export function invalidVariableError(error: GraphQLError): GraphQLError {
  return badRequest(error, { code: ErrorCode.BAD_USER_INPUT });
}

/**
 * Apollo Router's error for a field or type the caller may not see. The
 * gateway and the subgraphs (defending in depth) refuse with the same one.
 * Without a path, graphql-js gives it the path of the field that threw it.
 */
export function unauthorizedFieldError(path?: readonly string[]): GraphQLError {
  return new GraphQLError("Unauthorized field or type", {
    path,
    extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE },
  });
}

/**
 * Record-level jurisdiction (docs/design.md, Access model): what the subgraphs refuse
 * on their own, after the gateway has checked field-level scopes.
 *
 * - OUT_OF_JURISDICTION: the record exists and the caller may know it does,
 *   but this detail of it belongs to another force or court; the field
 *   resolves to null with this error.
 * - NOT_PERMITTED_FOR_JURISDICTION: the kind of caller (e.g. a court listing
 *   system) may not use this entry point at all, whatever the record.
 */
export type ForbiddenReason = "OUT_OF_JURISDICTION" | "NOT_PERMITTED_FOR_JURISDICTION";

export class ForbiddenError extends GraphQLError {
  declare readonly extensions: { code: typeof ErrorCode.FORBIDDEN; reason: ForbiddenReason };

  constructor(reason: ForbiddenReason, message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN, reason } });
  }
}

/** Detail of a record outside the caller's jurisdiction. */
export function outOfJurisdiction(): ForbiddenError {
  return new ForbiddenError("OUT_OF_JURISDICTION", "Outside your jurisdiction");
}

/** An entry point the caller's kind of jurisdiction may not use. */
export function notPermittedForJurisdiction(what: string): ForbiddenError {
  return new ForbiddenError("NOT_PERMITTED_FOR_JURISDICTION", `${what} is not available to your jurisdiction`);
}

/** A resolver's own check of a scope the gateway should already have filtered for (defence in depth); no reason given. */
export function missingScopeError(): GraphQLError {
  return new GraphQLError("Forbidden", { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** A persona that must justify asked for personal data without saying why: refused before any subgraph is called. */
export function justificationRequiredError(detail?: string): GraphQLError {
  return new GraphQLError(
    detail ?? "A justification is required to consult personal data: give it in the x-justification header or the token's purpose claim",
    { extensions: { code: ErrorCode.JUSTIFICATION_REQUIRED, http: { status: 403 } } },
  );
}

/** The audit record could not be durably written: the response is withheld (fail closed). */
export function auditUnavailableError(): GraphQLError {
  return new GraphQLError("The audit trail is unavailable, so no personal data can be disclosed; try again later", {
    extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, http: { status: 503 } },
  });
}

/**
 * The caller sent more requests than its budget allows: HTTP 429 with
 * Retry-After, the whole seconds until it may send the next one.
 */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new GraphQLError(`Too many requests: retry after ${seconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429, headers: new Map([["retry-after", String(seconds)]]) } },
  });
}

/** A caller held to the trusted documents sent one the manifest does not list: HTTP 403, nothing run. */
export function documentNotTrustedError(): GraphQLError {
  return new GraphQLError("This caller may only send the operations of its trusted document manifest", {
    extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 403 } },
  });
}

export function reservedAliasError(alias: string): GraphQLError {
  return new GraphQLError(`The alias "${alias}" uses a prefix the gateway reserves`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: "RESERVED_ALIAS", http: { status: 400 } },
  });
}

/**
 * Text no database can store (U+0000, a lone surrogate) in the document or a
 * variable, refused before anything runs: HTTP 400, naming where.
 */
export function unstorableTextError(argument: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid ${argument}: ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, http: { status: 400 } },
  });
}

/**
 * A subgraph's database connection was lost or did not answer in time: the
 * request may be retried as it is (a mutation with the same idempotency key,
 * which completes it exactly once whether or not the lost transaction committed).
 */
export function databaseUnavailableError(detail: string): GraphQLError {
  return new GraphQLError("The database did not answer; retry the request (a mutation with the same idempotency key)", {
    // For logs and start-up failures only (it names the configuration variable); never sent to a client.
    originalError: new Error(detail),
    // No HTTP status of its own: a subgraph answering 503 would look to the gateway like a dead subgraph.
    extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
  });
}

/** Why a subgraph gave no usable answer: it took too long, the connection failed, or its circuit is open. */
export type UnavailableReason = "TIMEOUT" | "CONNECTION_FAILED" | "BAD_GATEWAY" | "CIRCUIT_OPEN" | "ASSERTION_REFUSED";

/**
 * Thrown by the gateway's subgraph fetcher, never seen by a client: the
 * gateway turns it into subgraphUnavailableError at the fetch's paths.
 */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly serviceName: string,
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`Subgraph ${serviceName} unavailable (${reason})`, options);
    this.name = "SubgraphUnavailableError";
  }
}

/**
 * What a subgraph that did not answer leaves where its data would have gone:
 * a subgraph response's error (the planner places it), naming the subgraph
 * (whom to page) and nothing of why.
 */
export function subgraphUnavailableError(serviceName: string, path: (string | number)[]): GraphQLFormattedError {
  return {
    message: "A service this request needs is unavailable",
    path,
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName },
  };
}
