import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from "@apollo/server-gateway-interface";
import type { AuditEntry } from "../../platform/audit/record";
import { gatewayContextOf } from "../context";
import { resolveOperation } from "../operation/resolve-operation";
import { WrappingGateway } from "../wrapping-gateway";
import { AuditPlanCache } from "./audited-document";
import { takeDisclosure } from "./disclosure";
import { auditEntryOf, retryKeyOf, type AuditedRequest } from "./entry";
import { auditUnavailableError, justificationRequiredError, reservedAliasError } from "../../platform/errors/errors";
import { justificationOf, justificationRequired } from "./justification";

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
 */
export class AuditingGateway extends WrappingGateway {
  constructor(
    inner: GatewayInterface,
    private readonly sink: AuditSink,
    private readonly logWriteFailure: (requestId: string, error: unknown) => void,
    /** What is decided from the document alone, once per document (audited-document.ts). */
    readonly plans: AuditPlanCache = new AuditPlanCache(),
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
      if (!plan.consults) return execute(requestContext);

      const justification = justificationOf(principal, requestContext.request.http?.headers);
      if (!justification.ok) throw justificationRequiredError(justification.problem);
      if (justification.justification === null && justificationRequired(principal.persona)) throw justificationRequiredError();
      if (plan.reservedAlias !== null) throw reservedAliasError(plan.reservedAlias);
      if (!plan.audited) throw new Error("An audited operation without its audit keys");

      const request: AuditedRequest = {
        requestId,
        principal,
        justification: justification.justification,
        operation,
        documentHash: requestContext.queryHash,
        document: requestContext.source,
        variables: requestContext.request.variables,
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
      await this.record(auditEntryOf(isMutation ? "outcome" : "consultation", request, takeDisclosure(operation, result.data)));
      return result;
    };
  }
}
