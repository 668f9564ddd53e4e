import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST, type GraphQLError, type GraphQLFormattedError } from "graphql";
import type { AuditEntry } from "../../platform/audit/record";
import { ErrorCode } from "../../platform/errors/errors";
import type { Principal } from "../../platform/identity/principal";
import { callerFieldsOf } from "./entry";
import { isAuthorizationRefusal } from "../authz";
import { gatewayContextOf } from "../context";
import { isOperationLimitError, OPERATION_LIMIT_EXCEEDED } from "../limits";
import type { AuditSink } from "./auditing-executor";
import { JUSTIFICATION_HEADER, MAX_JUSTIFICATION_LENGTH } from "./justification";
import { recordedUnresolved, type RecordedText, type RecordingRules } from "./recorded-operation";
import { isStorableText } from "../operation/storable-text";

/**
 * Refused attempts are records too (docs/audit-trail.md): a request refused
 * for a missing or invalid justification, a reserved alias, an operation
 * limit, or authorization with nothing left to run, is recorded with the code
 * (or reason) it was refused with, what it asked (as any record keeps it) and
 * no disclosure. The refusal stands whether or not its record could be
 * written: it disclosed and changed nothing, so there is nothing to withhold;
 * a failed write is logged (request id and SQLSTATE only).
 */
export interface RefusedRequest {
  principal: Principal;
  requestId: string;
  headers: { get(name: string): string | null | undefined } | undefined;
  operationType: AuditEntry["operationType"];
  operationName: string | null;
  recorded: RecordedText;
  refusal: string;
}

/** What the caller gave as its justification, if it can be stored (a refused one is on record as given). */
function givenJustification(principal: Principal, headers: RefusedRequest["headers"]): string | null {
  const text = headers?.get(JUSTIFICATION_HEADER)?.trim() || principal.purpose?.trim() || null;
  return text !== null && text.length <= MAX_JUSTIFICATION_LENGTH && isStorableText(text) ? text : null;
}

export function refusalEntry(request: RefusedRequest): AuditEntry {
  const { principal } = request;
  return {
    kind: "refused",
    recordedAt: new Date().toISOString(),
    requestId: request.requestId,
    ...callerFieldsOf(principal),
    justification: givenJustification(principal, request.headers),
    operationType: request.operationType,
    operationName: request.operationName,
    documentHash: request.recorded.documentHash,
    document: request.recorded.document,
    variables: request.recorded.variables,
    disclosed: [],
    changes: "[]",
    retryKey: null,
    refusal: request.refusal,
  };
}

/** Writes a refusal's record; never throws (the refusal is the answer either way). */
export async function recordRefusal(
  sink: AuditSink,
  logWriteFailure: (requestId: string, error: unknown) => void,
  request: RefusedRequest,
): Promise<void> {
  try {
    await sink.append(refusalEntry(request));
  } catch (error) {
    logWriteFailure(request.requestId, error);
  }
}

/** The refusal code of an error the caller gets: its reason if it has one, else its code. */
export function refusalCodeOf(error: GraphQLError): string {
  const { reason, code } = error.extensions ?? {};
  return typeof reason === "string" ? reason : typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * An executed result that is the authorization layer's refusal (reject mode,
 * or nothing authorized left): nothing ran, so it is recorded as a refusal.
 */
export function authorizationRefusalOf(result: {
  data?: unknown;
  errors?: readonly (GraphQLError | GraphQLFormattedError)[];
}): string | null {
  return isAuthorizationRefusal(result) ? ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE : null;
}

/** The refusal code of a request refused before the gateway's executor, if it was: an operation limit or the caller's rate limit. */
function refusalBeforeExecution(errors: readonly GraphQLError[]): string | null {
  if (errors.some(isOperationLimitError)) return OPERATION_LIMIT_EXCEEDED;
  for (const code of [ErrorCode.RATE_LIMITED, ErrorCode.PERSISTED_QUERY_NOT_IN_LIST]) {
    if (errors.some((error) => error.extensions?.code === code)) return code;
  }
  return null;
}

/**
 * Apollo Server plugin: a document refused for an operation limit (while
 * parsing or validating), for its caller's rate limit or a document outside
 * its trusted manifest (once resolved),
 * before the gateway's executor, is recorded. Apollo Server awaits
 * didEncounterErrors before it answers, so the record is committed (or its
 * failure logged) before the refusal leaves.
 */
export function limitRefusalsPlugin(
  sink: AuditSink,
  rules: RecordingRules,
  logWriteFailure: (requestId: string, error: unknown) => void,
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(requestContext) {
          const refusal = refusalBeforeExecution(requestContext.errors);
          if (refusal === null) return;
          let caller: { principal: Principal; requestId: string };
          try {
            caller = gatewayContextOf(requestContext.contextValue);
          } catch {
            // Not a request of the gateway's HTTP service (an in-process executeOperation): no caller to record.
            return;
          }
          const { principal, requestId } = caller;
          const { document, schema, request } = requestContext;
          const operation = document ? getOperationAST(document, request.operationName) : null;
          await recordRefusal(sink, logWriteFailure, {
            principal,
            requestId,
            headers: request.http?.headers,
            operationType: operation?.operation ?? "unknown",
            operationName: operation?.name?.value ?? null,
            recorded: recordedUnresolved({ schema, document, source: requestContext.source ?? "", variables: request.variables }, rules),
            refusal,
          });
        },
      };
    },
  };
}
