import { CommitTimeoutError, GroupCommitWriter } from "../../platform/audit/group-commit";
import { processLog } from "../../platform/log";
import { unstorableColumn, type AuditEntry } from "../../platform/audit/record";
import { appendAuditEntries, isEntrySpecificError } from "../../platform/audit/store";
import type { Db } from "../../platform/db/db";
import { DEFAULT_AUDIT_CONTENT, type AuditContentConfig } from "../../platform/audit/content-config";
import { limitRefusalsPlugin } from "./refusals";
import { auditingExecutor, type AuditSink } from "./auditing-executor";
import type { GatewayConcern } from "../concern";
import { AuditPlanCache } from "./audited-document";
import { withheldEntryOf } from "./entry";
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
  /** Told of every group commit that succeeded: how many records, how long (the metrics). */
  onCommit?: (batchSize: number, durationMs: number) => void;
}

export interface AuditTrail extends GatewayConcern {
  /** Every consultation of personal data justified and recorded before its response leaves. */
  wrapExecutor: NonNullable<GatewayConcern["wrapExecutor"]>;
  /** Documents refused for a limit, before the executor, are recorded too. */
  plugins: NonNullable<GatewayConcern["plugins"]>;
}

/** An entry refused before it is queued: a column Postgres text cannot hold (SQLSTATE 22P05 is what Postgres would say). */
export class UnstorableAuditEntryError extends Error {
  readonly code = "22P05";
  constructor(readonly column: string) {
    super(`the audit record's ${column} holds text the store cannot keep`);
    this.name = "UnstorableAuditEntryError";
  }
}

/** A database error's SQLSTATE (or the error's name): never its message, which can quote the values written. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown error";
}

/** How often, and after how long, a withheld record is tried again while the store refuses it. */
const WITHHELD_RETRY_DELAYS_MS = [100, 1000, 5000, 30_000];

/**
 * The audit trail (Data Protection Act 2018 s.62): records are written with
 * group commit (concurrent requests share one transaction) and each response
 * waits for the commit that holds its record.
 * - An entry the store cannot take fails alone: it is refused before it is
 *   queued if its text cannot be stored, and a batch that fails for one entry's
 *   content is split until that entry fails alone (GroupCommitWriter).
 * - A record whose commit misses AUDIT_WRITE_TIMEOUT_MS withholds its
 *   response (503); if it was still queued it is never written, and if its
 *   commit was running and completes late, a `withheld` record with the same
 *   request id follows it: the trail never lists as disclosed what was not sent.
 */
export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const log = options.log ?? ((message: string) => processLog().error(message));
  const writeWithheld = (entry: AuditEntry, attempt = 0): void => {
    writer.append(withheldEntryOf(entry), null).catch((error: unknown) => {
      const delay = WITHHELD_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        log(
          `[audit] could not write the withheld record of request ${entry.requestId} (${errorCode(error)}): its committed record lists a response that was not sent`,
        );
        return;
      }
      setTimeout(() => writeWithheld(entry, attempt + 1), delay).unref();
    });
  };
  const writer: GroupCommitWriter<AuditEntry> = new GroupCommitWriter<AuditEntry>(
    async (entries) => {
      const startedAt = process.hrtime.bigint();
      await appendAuditEntries(options.db, entries);
      options.onCommit?.(entries.length, Number(process.hrtime.bigint() - startedAt) / 1e6);
    },
    {
      maxBatch: options.maxBatch ?? 500,
      timeoutMs: options.writeTimeoutMs ?? 5000,
      isolates: isEntrySpecificError,
      onCommittedLate: (entry) => {
        log(`[audit] the record of request ${entry.requestId} committed after its response was withheld; recording it as withheld`);
        writeWithheld(entry);
      },
    },
  );
  const sink: AuditSink = {
    append(entry) {
      const column = unstorableColumn(entry);
      return column === null ? writer.append(entry) : Promise.reject(new UnstorableAuditEntryError(column));
    },
  };
  const logWriteFailure = (requestId: string, error: unknown) =>
    log(
      `[audit] could not write the record of request ${requestId} (${error instanceof CommitTimeoutError ? "timeout" : errorCode(error)}); its response was withheld`,
    );
  const content = options.content ?? DEFAULT_AUDIT_CONTENT;
  // What is decided from the document alone, once per document: this concern's own cache.
  const plans = new AuditPlanCache();
  return {
    name: "audit trail",
    wrapExecutor: (execute) => auditingExecutor(execute, { sink, logWriteFailure, plans, content }),
    plugins: [limitRefusalsPlugin(sink, content, logWriteFailure)],
    // Nothing personal may leave unrecorded: without its store the gateway cannot serve.
    health: { required: { "audit store": () => auditStoreAnswers(options.db) } },
  };
}

async function auditStoreAnswers(db: Db): Promise<string> {
  return (await db.query("SELECT 1 AS ok")).length === 1 ? "ready" : "not answering";
}

/**
 * The audit trail for auditors (gateway/audit/graph.ts), a concern of its
 * own: a subgraph the gateway serves in its own process, by supergraph name.
 */
export function createAuditGraph(options: { db: Db; content?: AuditContentConfig }): GatewayConcern {
  const content = options.content ?? DEFAULT_AUDIT_CONTENT;
  return {
    name: "audit graph",
    localSubgraphs: { [AUDIT_SUBGRAPH_NAME]: auditSubgraphDataSource(options.db, content.hasher) },
  };
}
