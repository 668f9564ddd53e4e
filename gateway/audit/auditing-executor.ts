import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import type { GraphQLError } from "graphql";
import type { AuditEntry } from "../../platform/audit/record";
import { gatewayContextOf } from "../context";
import { requestOperationOf } from "../operation/request-operation";
import type { AuditPlanCache } from "./audited-document";
import { takeDisclosure } from "./disclosure";
import { auditEntryOf, retryKeyOf, type AuditedRequest } from "./entry";
import { auditUnavailableError, justificationRequiredError, reservedAliasError } from "../../platform/errors/errors";
import { justificationOf, justificationRequired } from "./justification";
import { recordedOperation, type RecordedText, type RecordingRules } from "./recorded-operation";
import { authorizationRefusalOf, recordRefusal, refusalCodeOf } from "./refusals";

export interface AuditSink {
  /** Resolves once the entry is durably committed; rejects otherwise. */
  append(entry: AuditEntry): Promise<void>;
}

export interface AuditingOptions {
  sink: AuditSink;
  logWriteFailure: (requestId: string, error: unknown) => void;
  /** What is decided from the document alone, once per document (audited-document.ts). */
  plans: AuditPlanCache;
  /** What the record keeps of the document and variables, and the shortest justification accepted. */
  content: RecordingRules & { minJustificationLength: number };
}

/**
 * The gateway's executor with the audit trail around it, outside field
 * authorization (so it sees the response the caller will get):
 * 1. an operation that asks only for estate data or statistics runs as is;
 * 2. otherwise a persona that must justify and did not is refused (HTTP 403),
 *    before planning, so no subgraph is called;
 * 3. a mutation's intent (who, why, the operation and its variables) is
 *    committed before the mutation is sent to any subgraph: if it cannot be,
 *    nothing is sent and nothing changes (AUDIT_UNAVAILABLE, HTTP 503);
 * 4. the operation runs with id/type keys added to every audited entity;
 * 5. the keys are read from (and removed from) the response: the entities it
 *    discloses after authorization;
 * 6. the record (a query's consultation, a mutation's outcome, linked to its
 *    intent by request id) is committed before the response is returned; if
 *    that fails the response is replaced by AUDIT_UNAVAILABLE (HTTP 503) and
 *    nothing is disclosed.
 * A refused attempt (justification, reserved alias, authorization with
 * nothing left to run) is recorded with its refusal code (refusals.ts). What a
 * record keeps of the document and variables: recorded-operation.ts.
 */
export function auditingExecutor(execute: GatewayExecutor, options: AuditingOptions): GatewayExecutor {
  const { sink, logWriteFailure, plans, content } = options;
  /** Commits the entry, or withholds the response: nothing leaves (and no mutation is sent) without its record. */
  const record = async (entry: AuditEntry): Promise<void> => {
    try {
      await sink.append(entry);
    } catch (error) {
      logWriteFailure(entry.requestId, error);
      throw auditUnavailableError();
    }
  };
  return async (requestContext: GatewayGraphQLRequestContext) => {
    const { principal, requestId } = gatewayContextOf(requestContext.context);
    const { schema, document } = requestContext;
    // Picked as graphql-js picks it before any concern ran (an unknown or ambiguous operationName, or an
    // invalid variable, was a 400 there), so the trail and execution speak of the same operation.
    const { operation, variables } = requestOperationOf(requestContext);
    const plan = plans.plan(schema, document, operation);
    const headers = requestContext.request.http?.headers;
    let recordedText: RecordedText | undefined;
    const recorded = () =>
      (recordedText ??= recordedOperation({ schema, document, operation, variables, source: requestContext.source }, content));
    const recordRefused = (refusal: string) =>
      recordRefusal(sink, logWriteFailure, {
        principal,
        requestId,
        headers,
        operationType: operation.operation,
        operationName: operation.name?.value ?? null,
        recorded: recorded(),
        refusal,
      });
    const refuse = async (error: GraphQLError): Promise<never> => {
      await recordRefused(refusalCodeOf(error));
      throw error;
    };
    const recordIfRefused = async (result: GatewayExecutionResult): Promise<GatewayExecutionResult> => {
      const refusal = authorizationRefusalOf(result);
      if (refusal !== null) await recordRefused(refusal);
      return result;
    };
    if (!plan.consults) return recordIfRefused(await execute(requestContext));

    const justification = justificationOf(principal, headers, content.minJustificationLength);
    if (!justification.ok) return refuse(justificationRequiredError(justification.problem));
    if (justification.justification === null && justificationRequired(principal.persona)) return refuse(justificationRequiredError());
    if (plan.reservedAlias !== null) return refuse(reservedAliasError(plan.reservedAlias));
    if (!plan.audited) throw new Error("An audited operation without its audit keys");

    const request: AuditedRequest = {
      requestId,
      principal,
      justification: justification.justification,
      operation,
      recorded: recorded(),
      retryKey: retryKeyOf(schema, document, operation, variables),
    };
    const isMutation = operation.operation === "mutation";
    // Write-ahead: a change is on record before any subgraph hears of it.
    if (isMutation) await record(auditEntryOf("intent", request));

    const { audited } = plan;
    const result = await execute({
      ...requestContext,
      document: audited.document,
      operation: audited.operation,
      source: audited.source,
      queryHash: audited.queryHash,
    });
    // Refused by authorization (reject mode) after the intent: nothing ran, and the trail says so.
    if (authorizationRefusalOf(result) !== null) return recordIfRefused(result);
    await record(auditEntryOf(isMutation ? "outcome" : "consultation", request, takeDisclosure(operation, result.data)));
    return result;
  };
}
