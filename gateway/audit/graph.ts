import { LocalGraphQLDataSource } from "@apollo/gateway";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { AUDITED_ENTITIES, disclosedIdsOf } from "../../domain/audited-entities";
import type { AuditRecord } from "../../platform/audit/record";
import { auditRecordStatuses, findAuditRecords, type AuditQuery, type AuditRecordStatus } from "../../platform/audit/store";
import type { Db } from "../../platform/db/db";
import { BadUserInputError, missingScopeError } from "../../platform/errors/errors";
import { findPrincipal, hasScope } from "../../platform/identity/principal";
import { DateTimeScalar } from "../../platform/scalars";
import type { AuditValueHasher } from "../../platform/audit/value-hash";

/**
 * The audit trail in the graph: a subgraph the gateway serves in its own
 * process (see docs/adr/0004-audit-trail.md), composed into the
 * supergraph like the others, so the gateway's field authorization
 * (@requiresScopes audit:read) and its audit of every consultation apply to
 * reading the trail as to anything else.
 */
export const AUDIT_SUBGRAPH_NAME = "audit";
export const MAX_AUDIT_PAGE = 200;

/** For each audited entity: the filter argument finding the records that disclosed one, and the field listing their ids. */
const ENTITY_ARGUMENTS = AUDITED_ENTITIES.map((entity) => ({ ...entity, argument: `${entity.name}Id`, field: `${entity.name}Ids` }));

const ENTITY_FILTER_SDL = ENTITY_ARGUMENTS.map(
  ({ noun, argument }) => `
    """
    Records that disclosed this ${noun}.
    """
    ${argument}: ID`,
).join("");

const ENTITY_IDS_SDL = ENTITY_ARGUMENTS.map(
  ({ noun, field }) => `
    """
    The id of every ${noun} the response disclosed.
    """
    ${field}: [ID!]!`,
).join("");

export const AUDIT_SUBGRAPH_TYPE_DEFS = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@requiresScopes"])

  scalar DateTime

  type Query {
    """
    Records of the audit trail (Data Protection Act 2018 s.62), newest first: who consulted a person or an
    order, what a caller consulted, in a period. Reading the trail is itself recorded in it.
    """
    auditRecords(filter: AuditRecordFilter!, first: Int = 50, after: String): AuditRecordPage! @requiresScopes(scopes: [["audit:read"]])
  }

  """
  At least one criterion; all given must hold.
  """
  input AuditRecordFilter {${ENTITY_FILTER_SDL}
    """
    Records of this caller (the token's sub).
    """
    sub: String
    """
    From this instant (inclusive).
    """
    from: DateTime
    """
    Until this instant (exclusive).
    """
    to: DateTime
    """
    Records whose document or variables held exactly this value (a name, a date of birth, a note as typed).
    Case notes and identity are kept only as keyed hashes: the value's hash is computed and matched, and the
    value itself is never stored, not even in the record of this query.
    """
    value: String
  }

  type AuditRecordPage @requiresScopes(scopes: [["audit:read"]]) {
    nodes: [AuditRecord!]!
    hasNextPage: Boolean!
    """
    Pass as after to read the next page.
    """
    endCursor: String
  }

  """
  One operation that consulted, disclosed or changed personal data, or one step of it (see kind).
  """
  type AuditRecord @requiresScopes(scopes: [["audit:read"]]) {
    """
    consultation (a query, committed before its answer left), intent (a mutation, committed before it was sent to
    any subgraph), outcome (what the mutation of the same requestId changed and disclosed), withheld (the response of
    requestId was not sent: what its other records list was not disclosed) or refused; null for a record written
    before records had kinds (one record per operation, written after it ran).
    """
    kind: String
    """
    True when the trail also holds a withheld record of this requestId: its response was not sent (its record committed
    too late), so what this record lists was not disclosed.
    """
    responseWithheld: Boolean!
    """
    For an intent: COMPLETED (its outcome, or the outcome of a retry by the same caller with the same idempotency keys,
    is recorded), NOT_SENT (its response was withheld before the mutation was sent) or OPEN (no outcome: the mutation
    may or may not have changed data; its subgraph knows, by idempotency key). Null for other kinds.
    """
    intentStatus: String
    """
    Position in the hash chain (a decimal number, 1 for the first record).
    """
    seq: ID!
    recordedAt: DateTime!
    """
    The gateway's request id (the x-request-id response header).
    """
    requestId: String!
    sub: String!
    persona: String
    """
    national, forces:<codes> or courts:<codes>.
    """
    jurisdiction: String!
    """
    For service callers: the system the data was disclosed to.
    """
    recipient: String
    justification: String
    """
    query or mutation.
    """
    operationType: String!
    operationName: String
    """
    sha256 (hex) of the document as sent when the document below is exactly that text; otherwise its keyed hash
    (hmac-sha256:<key id>:<hex>).
    """
    documentHash: String!
    """
    The document as printed (comments dropped), case notes and identity as keyed hashes (docs/audit-trail.md).
    """
    document: String!
    """
    The declared variables as coerced, as JSON: case notes and identity as keyed hashes, secrets redacted.
    """
    variables: String!${ENTITY_IDS_SDL}
    """
    What a mutation changed, as JSON.
    """
    changes: String!
    """
    Set when the request was refused before anything ran: the code or reason it was refused with.
    """
    refusal: String
    hash: String!
    previousHash: String!
  }
`;

interface AuditRecordsArgs {
  filter: {
    /** personId, orderId, …: one for each audited entity. */
    [argument: string]: string | Date | null | undefined;
    sub?: string | null;
    from?: Date | null;
    to?: Date | null;
    value?: string | null;
  };
  first: number;
  after?: string | null;
}

const CURSOR_PREFIX = "audit-seq:";

function seqFromCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const seq = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : "";
  if (!/^\d+$/.test(seq)) throw new BadUserInputError("after", "not a cursor this API issued");
  return Number(seq);
}

function cursorOf(record: AuditRecord): string {
  return Buffer.from(`${CURSOR_PREFIX}${record.seq}`, "utf8").toString("base64url");
}

/** The subgraph's schema, reading `db`; without one, for composition only (its resolvers are never called). */
export function auditSubgraphSchema(db?: Db, hasher?: AuditValueHasher): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: AUDIT_SUBGRAPH_TYPE_DEFS,
    resolvers: {
      DateTime: DateTimeScalar,
      Query: {
        async auditRecords(_: unknown, args: AuditRecordsArgs, context: unknown) {
          // The gateway already filtered this field for want of audit:read; checked again here in case it ever did not.
          const principal = findPrincipal(context);
          if (!principal || !hasScope(principal, "audit:read")) {
            throw missingScopeError();
          }
          if (!db) throw new Error("The audit subgraph was built without a database");
          const { filter } = args;
          const disclosing = ENTITY_ARGUMENTS.flatMap(({ type, argument }) => {
            const id = filter[argument];
            return typeof id === "string" ? [{ type, id }] : [];
          });
          if (
            disclosing.length === 0 &&
            ![filter.sub, filter.from, filter.to, filter.value].some((value) => value !== null && value !== undefined)
          ) {
            throw new BadUserInputError(
              "filter",
              `give at least one of ${[...ENTITY_ARGUMENTS.map(({ argument }) => argument), "sub", "from", "to", "value"].join(", ")}`,
            );
          }
          if (filter.value !== null && filter.value !== undefined && !hasher)
            throw new Error("The audit subgraph was built without its hash keys");
          if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_AUDIT_PAGE) {
            throw new BadUserInputError("first", `must be from 1 to ${MAX_AUDIT_PAGE}`);
          }
          if (filter.from && filter.to && filter.from >= filter.to) throw new BadUserInputError("filter.from", "must be before filter.to");
          const query: AuditQuery = {
            disclosing,
            sub: filter.sub ?? undefined,
            from: filter.from?.toISOString(),
            to: filter.to?.toISOString(),
            holding: filter.value === null || filter.value === undefined ? undefined : hasher!.candidates(filter.value),
            beforeSeq: args.after ? seqFromCursor(args.after) : undefined,
            // One more than the page, to know whether there is a next one.
            limit: args.first + 1,
          };
          const found = await findAuditRecords(db, query);
          const page = found.slice(0, args.first);
          const statuses = await auditRecordStatuses(db, page);
          const nodes = page.map((record) => ({ ...record, status: statuses.get(record.seq) }));
          return { nodes, hasNextPage: found.length > args.first, endCursor: nodes.length > 0 ? cursorOf(nodes[nodes.length - 1]) : null };
        },
      },
      AuditRecord: {
        seq: (record: AuditRecord) => String(record.seq),
        recordedAt: (record: AuditRecord) => new Date(record.recordedAt),
        ...Object.fromEntries(
          ENTITY_ARGUMENTS.map(({ type, field }) => [field, (record: AuditRecord) => disclosedIdsOf(record.disclosed, type)]),
        ),
        previousHash: (record: AuditRecord) => record.prevHash,
        responseWithheld: (record: { status?: AuditRecordStatus }) => record.status?.responseWithheld ?? false,
        intentStatus: (record: { status?: AuditRecordStatus }) => record.status?.intentStatus?.toUpperCase().replace("-", "_") ?? null,
      },
    } as never,
  });
}

/** How the gateway reaches the audit subgraph: in its own process, on its own audit store. */
export function auditSubgraphDataSource(db: Db, hasher: AuditValueHasher): LocalGraphQLDataSource {
  return new LocalGraphQLDataSource(auditSubgraphSchema(db, hasher));
}
