import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from "@apollo/server-gateway-interface";
import type { GraphQLError } from "graphql";
import type { AuditEntry } from "../../platform/audit/record";
import { gatewayContextOf } from "../context";
import { resolveOperation } from "../operation/resolve-operation";
import { WrappingGateway } from "../wrapping-gateway";
import { AuditPlanCache } from "./audited-document";
import { takeDisclosure } from "./disclosure";
import { auditEntryOf, retryKeyOf, type AuditedRequest } from "./entry";
import { auditUnavailableError, justificationRequiredError, reservedAliasError } from "../../platform/errors/errors";
import { justificationOf, justificationRequired } from "./justification";
import { recordedOperation, type RecordedText, type RecordingRules } from "./recorded-operation";
import { authorizationRefusalOf, recordRefusal, refusalCodeOf } from "./refusals";
import { DEFAULT_AUDIT_CONTENT } from "../../platform/audit/content-config";

export interface AuditSink {
  /** Resolves once the entry is durably committed; rejects otherwise. */
  append(entry: AuditEntry): Promise<void>;
}

/**
 * The gateway's executor with the audit trail around it, outside field
 * authorization (so it sees the response the caller will get):
 * 1. an operation that asks only for reference data or statistics runs as is;
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
export class AuditingGateway extends WrappingGateway {
  constructor(
    inner: GatewayInterface,
    private readonly sink: AuditSink,
    private readonly logWriteFailure: (requestId: string, error: unknown) => void,
    /** What is decided from the document alone, once per document (audited-document.ts). */
    readonly plans: AuditPlanCache = new AuditPlanCache(),
    /** What the record keeps of the document and variables, and the shortest justification accepted. */
    private readonly content: RecordingRules & { minJustificationLength: number } = DEFAULT_AUDIT_CONTENT,
  ) {
    super(inner);
  }

  /** Commits the entry, or withholds the response: nothing leaves (and no mutation is sent) without its record. */
  private async record(entry: AuditEntry): Promise<void> {
    try {
      await this.sink.append(entry);
    } catch (error) {
      this.logWriteFailure(entry.requestId, error);
      throw auditUnavailableError();
    }
  }

  protected wrapExecutor(execute: GatewayExecutor): GatewayExecutor {
    return async (requestContext: GatewayGraphQLRequestContext) => {
      const { principal, requestId } = gatewayContextOf(requestContext.context);
      const { schema, document } = requestContext;
      // Picked as graphql-js picks it (an unknown or ambiguous operationName, or an invalid variable, is a 400
      // here, before anything is recorded or run), so the trail and execution speak of the same operation.
      const { operation, variables } = resolveOperation(
        schema,
        document,
        requestContext.request.operationName,
        requestContext.request.variables,
      );
      const plan = this.plans.plan(schema, document, operation);
      const headers = requestContext.request.http?.headers;
      let recordedText: RecordedText | undefined;
      const recorded = () =>
        (recordedText ??= recordedOperation({ schema, document, operation, variables, source: requestContext.source }, this.content));
      const recordRefused = (refusal: string) =>
        recordRefusal(this.sink, this.logWriteFailure, {
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

      const justification = justificationOf(principal, headers, this.content.minJustificationLength);
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
      if (isMutation) await this.record(auditEntryOf("intent", request));

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
      await this.record(auditEntryOf(isMutation ? "outcome" : "consultation", request, takeDisclosure(operation, result.data)));
      return result;
    };
  }
}
