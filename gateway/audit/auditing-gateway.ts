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
import { auditUnavailableError, justificationRequiredError, reservedAliasError } from "../../platform/errors/errors";
import { canonicalJurisdiction } from "../../platform/identity/principal";
import { justificationOf, justificationRequired, recipientOf } from "./justification";
import { recordedOperation, type RecordingRules } from "./recorded-operation";
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
 * 3. the operation runs with id/type keys added to every audited entity;
 * 4. the keys are read from (and removed from) the response: the entities it
 *    discloses after authorization;
 * 5. the record is written and committed before the response is returned; if
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
      const recorded = () => recordedOperation({ schema, document, operation, variables, source: requestContext.source }, this.content);
      const refuse = async (error: GraphQLError): Promise<never> => {
        await recordRefusal(this.sink, this.logWriteFailure, {
          principal,
          requestId,
          headers,
          operationType: operation.operation,
          operationName: operation.name?.value ?? null,
          recorded: recorded(),
          refusal: refusalCodeOf(error),
        });
        throw error;
      };
      const recordIfRefused = async (result: GatewayExecutionResult): Promise<GatewayExecutionResult> => {
        const refusal = authorizationRefusalOf(result);
        if (refusal === null) return result;
        await recordRefusal(this.sink, this.logWriteFailure, {
          principal,
          requestId,
          headers,
          operationType: operation.operation,
          operationName: operation.name?.value ?? null,
          recorded: recorded(),
          refusal,
        });
        return result;
      };
      if (!plan.consults) return recordIfRefused(await execute(requestContext));

      const justification = justificationOf(principal, headers, this.content.minJustificationLength);
      if (!justification.ok) return refuse(justificationRequiredError(justification.problem));
      if (justification.justification === null && justificationRequired(principal.persona)) return refuse(justificationRequiredError());
      if (plan.reservedAlias !== null) return refuse(reservedAliasError(plan.reservedAlias));
      if (!plan.audited) throw new Error("An audited operation without its audit keys");

      const { audited } = plan;
      const result = await execute({
        ...requestContext,
        document: audited.document,
        operation: audited.operation,
        source: audited.source,
        queryHash: audited.queryHash,
      });
      if (authorizationRefusalOf(result) !== null) return recordIfRefused(result);
      const disclosure = takeDisclosure(operation, result.data);

      const entry: AuditEntry = {
        recordedAt: new Date().toISOString(),
        requestId,
        sub: principal.sub,
        persona: principal.persona,
        // "national", "forces:07,21", "courts:B07ED": one text per jurisdiction, as everywhere else.
        jurisdiction: canonicalJurisdiction(principal.jurisdiction),
        recipient: recipientOf(principal),
        justification: justification.justification,
        operationType: operation.operation,
        operationName: operation.name?.value ?? null,
        ...recorded(),
        persons: disclosure.persons,
        orders: disclosure.orders,
        hearings: disclosure.hearings,
        breaches: disclosure.breaches,
        changes: JSON.stringify(disclosure.changes),
      };
      try {
        await this.sink.append(entry);
      } catch (error) {
        this.logWriteFailure(requestId, error);
        throw auditUnavailableError();
      }
      return result;
    };
  }
}
