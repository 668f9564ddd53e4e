import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { GroupCommitWriter } from "../../platform/audit/group-commit";
import type { AuditEntry } from "../../platform/audit/record";
import { appendAuditEntries } from "../../platform/audit/store";
import type { Db } from "../../platform/db/db";
import type { GraphQLDataSource } from "@apollo/gateway";
import type { ApolloServerPlugin } from "@apollo/server";
import { DEFAULT_AUDIT_CONTENT, type AuditContentConfig } from "../../platform/audit/content-config";
import { limitRefusalsPlugin } from "./refusals";
import { AuditingGateway } from "./auditing-gateway";
import { AuditPlanCache } from "./audited-document";
import { AUDIT_SUBGRAPH_NAME, auditSubgraphDataSource } from "./graph";

export interface AuditTrailOptions {
  /** The gateway's audit store, migrated (migrateAuditStore); its owner closes it. */
  db: Db;
  /** Most records in one transaction. */
  maxBatch?: number;
  /** A record not committed within this time fails its request with 503. */
  writeTimeoutMs?: number;
  /** Where write failures are reported; gets no personal data (request id and error code only). */
  log?: (message: string) => void;
  /** What a record keeps of documents and variables (hash key, size bound) and the shortest justification. */
  content?: AuditContentConfig;
}

export interface AuditTrail {
  /** Wraps the gateway so that every consultation of personal data is justified and recorded before its response leaves. */
  wrapGateway(inner: GatewayInterface): GatewayInterface;
  /** The subgraphs the gateway serves in its own process, by supergraph name: the audit trail for auditors. */
  localSubgraphs: Record<string, GraphQLDataSource>;
  /** Apollo Server plugins: documents refused for a limit, before the executor, are recorded too. */
  plugins: ApolloServerPlugin[];
}

/** A database error's SQLSTATE (or the error's name): never its message, which can quote the values written. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown error";
}

/**
 * The audit trail (Data Protection Act 2018 s.62): records are written with
 * group commit (concurrent requests share one transaction) and each response
 * waits for the commit that holds its record.
 */
export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const writer = new GroupCommitWriter<AuditEntry>((entries) => appendAuditEntries(options.db, entries), {
    maxBatch: options.maxBatch ?? 500,
    timeoutMs: options.writeTimeoutMs ?? 5000,
  });
  const log = options.log ?? ((message: string) => console.error(message));
  const logWriteFailure = (requestId: string, error: unknown) =>
    log(`[audit] could not write the record of request ${requestId} (${errorCode(error)}); its response was withheld`);
  const content = options.content ?? DEFAULT_AUDIT_CONTENT;
  return {
    wrapGateway: (inner) => new AuditingGateway(inner, writer, logWriteFailure, new AuditPlanCache(), content),
    localSubgraphs: { [AUDIT_SUBGRAPH_NAME]: auditSubgraphDataSource(options.db, content.hasher) },
    plugins: [limitRefusalsPlugin(writer, content, logWriteFailure)],
  };
}
