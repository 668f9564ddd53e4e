import {
  getArgumentValues,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { AuditEntry, AuditRecordKind } from "../../platform/audit/record";
import { canonicalJurisdiction, type Principal } from "../../platform/identity/principal";
import { fragmentsOf } from "../operation/fragments";
import type { Disclosure } from "./disclosure";
import { recipientOf } from "./justification";
import type { RecordedText } from "./recorded-operation";

/** What the gateway knows of a request when it records it: the one input of every record it writes. */
export interface AuditedRequest {
  requestId: string;
  principal: Principal;
  justification: string | null;
  operation: OperationDefinitionNode;
  /** What the record keeps of the document and variables (recorded-operation.ts). */
  recorded: RecordedText;
  /** For a mutation: its root fields with their idempotency keys (retryKeyOf). */
  retryKey: string | null;
}

const NOTHING_DISCLOSED: Disclosure = { disclosed: [], changes: [] };

/** Who a record is about: the caller, its jurisdiction and, for service personas, the system it speaks for. */
export function callerFieldsOf(principal: Principal): Pick<AuditEntry, "sub" | "persona" | "jurisdiction" | "recipient"> {
  return {
    sub: principal.sub,
    persona: principal.persona,
    // "national", "forces:07,21", "courts:B07ED": one text per jurisdiction, as everywhere else.
    jurisdiction: canonicalJurisdiction(principal.jurisdiction),
    recipient: recipientOf(principal),
  };
}

/**
 * The record of a request: who (sub, persona, jurisdiction, recipient), why,
 * what operation with which variables, and what it disclosed or changed. An
 * intent (before a mutation is sent) discloses nothing yet; its outcome says
 * what came back. The one place a record's content is decided.
 */
export function auditEntryOf(kind: AuditRecordKind, request: AuditedRequest, disclosure: Disclosure = NOTHING_DISCLOSED): AuditEntry {
  const { principal, operation } = request;
  return {
    kind,
    recordedAt: new Date().toISOString(),
    requestId: request.requestId,
    ...callerFieldsOf(principal),
    justification: request.justification,
    operationType: operation.operation,
    operationName: operation.name?.value ?? null,
    ...request.recorded,
    disclosed: disclosure.disclosed,
    changes: JSON.stringify(disclosure.changes),
    retryKey: request.retryKey,
  };
}

/**
 * The record saying that a request's response was not sent after one of its
 * records had committed (late): linked by request id, it discloses nothing
 * and repeats neither the document nor the variables.
 */
export function withheldEntryOf(entry: AuditEntry): AuditEntry {
  return {
    ...entry,
    kind: "withheld",
    recordedAt: new Date().toISOString(),
    document: "",
    variables: "{}",
    disclosed: [],
    changes: "[]",
  };
}

/**
 * A mutation's root fields with the caller's idempotency key of each
 * (`input.idempotencyKey`, or an `idempotencyKey` argument), as JSON: what a
 * retry of the same change repeats. Null if a root field has none, so no
 * other request can be taken for its retry.
 */
export function retryKeyOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string | null {
  const mutationType = schema.getMutationType();
  if (operation.operation !== "mutation" || !mutationType) return null;
  const fragments = fragmentsOf(document);
  const keys: [string, string][] = [];
  const collect = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return collect(selection.selectionSet, seen);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(selection.name.value)) return fragment !== undefined;
        return collect(fragment.selectionSet, new Set(seen).add(selection.name.value));
      }
      if (selection.name.value === "__typename") return true;
      const field = mutationType.getFields()[selection.name.value];
      if (!field) return false;
      let args: { input?: { idempotencyKey?: unknown }; idempotencyKey?: unknown };
      try {
        args = getArgumentValues(field, selection, variables) as typeof args;
      } catch {
        return false;
      }
      const key = args.input?.idempotencyKey ?? args.idempotencyKey;
      if (typeof key !== "string") return false;
      keys.push([selection.name.value, key]);
      return true;
    });
  return collect(operation.selectionSet, new Set()) && keys.length > 0 ? JSON.stringify(keys) : null;
}
