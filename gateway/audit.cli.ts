import { createHash } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { AUDITED_ENTITIES, disclosedIdsByEntity } from "../domain/audited-entities";
import { auditStorePiece } from "../platform/audit/config";
import { envSchema, readEnv } from "../platform/env-schema";
import { logPiece } from "../platform/log";
import type { AuditEntry, AuditRecord } from "../platform/audit/record";
import {
  appendAuditEntries,
  auditRecordStatuses,
  findAuditRecords,
  grantAuditAccess,
  migrateAuditStore,
  type AuditQuery,
  type AuditRecordStatus,
} from "../platform/audit/store";
import { verifyAuditChain, type AuditChainAnchor } from "../platform/audit/verify";
import type { Db } from "../platform/db/db";
import { DataDirLockedError } from "../platform/db/data-dir-lock";
import { openDatabase } from "../platform/db/open-db";
import { auditContentPiece, DEFAULT_AUDIT_CONTENT } from "../platform/audit/content-config";
import type { AuditValueHasher } from "../platform/audit/value-hash";
import { checkJustification } from "./audit/justification";

/** who-consulted --person <id>, --order <id>, …: one option for each audited entity. */
const ENTITY_OPTIONS = AUDITED_ENTITIES.map(({ type, name }) => ({ type, option: `--${name}`, name }));
const ENTITY_CHOICE = `${ENTITY_OPTIONS.slice(0, -1)
  .map(({ option }) => option)
  .join(", ")} or ${ENTITY_OPTIONS[ENTITY_OPTIONS.length - 1].option}`;

export const AUDIT_CLI_USAGE = `Usage: npm run audit --silent -- <command> [options]

  verify [--after <seq>:<hash>]        recompute the hash chain; report the first missing, altered or reordered record,
                                       and every mutation's intent left without an outcome
                                       (--after: start after the last record removed by retention)
  who-consulted ${ENTITY_OPTIONS.map(({ option }) => `${option} <id>`).join(" | ")} [--from <when>] [--to <when>] --justification <text>
  activity --sub <sub> [--from <when>] [--to <when>] --justification <text>

  --from / --to   a day (2026-11-01; --to includes the whole day) or an ISO instant; default: all time
  --limit <n>     records per page (default 50, at most 1000), newest first
  --before <seq>  the next page: records older than this sequence number (printed as "next page: --before N")
  --value <text>  only records whose document or variables held exactly this value (a name, a note): matched by its
                  keyed hash, never stored (docs/audit-trail.md)
  --json          one JSON record per line instead of text

  migrate                              create or update the trail's tables (run as the schema's owner)
  grant --role <name>                  let a database role insert and read the trail, never change it (Postgres; run as the owner)

Reading the trail is itself recorded in it (who ran the command, with --justification).
The store is AUDIT_DATABASE_URL / DATABASE_URL (schema AUDIT_DATABASE_SCHEMA, default audit), or DATA_DIR/audit.
`;

/** A refused command line: exit status 2 and the usage. */
export class AuditCliUsageError extends Error {}

export interface AuditCliIo {
  db: Db;
  out: (line: string) => void;
  /** The Postgres schema of the trail (null on PGlite). */
  schema?: string | null;
  /** Who runs the command, as recorded in the trail (the operating-system user). */
  operator: string;
  now?: () => Date;
  /** The gateway's hash keys, to match --value (the development key by default). */
  hasher?: AuditValueHasher;
  /** The shortest --justification accepted. */
  minJustificationLength?: number;
}

function instant(value: string, option: string, endOfDay: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime())) throw new AuditCliUsageError(`${option}: "${value}" is not a date`);
    if (endOfDay) day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString();
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new AuditCliUsageError(`${option}: "${value}" is neither a day (YYYY-MM-DD) nor an ISO instant`);
  }
  return parsed.toISOString();
}

/** verify [--after <seq>:<hash>]: start after the last record that retention removed. */
function verifyAnchor(args: readonly string[]): AuditChainAnchor | undefined {
  if (args.length === 0) return undefined;
  const match = args.length === 2 && args[0] === "--after" ? /^(\d+):([0-9a-f]{64})$/.exec(args[1]) : null;
  if (!match) throw new AuditCliUsageError("verify takes only --after <seq>:<hash> (the last record removed by retention)");
  return { seq: Number(match[1]), hash: match[2] };
}

/** grant --role <name>: what the gateway's own database role may do (insert and read, never change). Postgres only. */
async function grant(args: readonly string[], io: AuditCliIo): Promise<number> {
  if (args.length !== 2 || args[0] !== "--role") throw new AuditCliUsageError("grant takes --role <name>");
  if (!io.schema) throw new AuditCliUsageError("grant applies to Postgres (set AUDIT_DATABASE_URL or DATABASE_URL)");
  await grantAuditAccess(io.db, io.schema, args[1]);
  io.out(`granted ${args[1]} INSERT and SELECT on ${io.schema}.audit_record (no UPDATE, DELETE or TRUNCATE)`);
  return 0;
}

function positiveInt(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new AuditCliUsageError(`${option} must be a whole number from 1 to ${max}`);
  return Number(value);
}

function describe(record: AuditRecord, status: AuditRecordStatus | undefined): string {
  const who = `${record.sub} (${record.persona ?? "no persona"}, ${record.jurisdiction})`;
  const to = record.recipient ? ` to ${record.recipient}` : "";
  const disclosed = Object.entries(disclosedIdsByEntity(record.disclosed))
    .filter(([, ids]) => ids.length > 0)
    .map(([plural, ids]) => `${plural}=${ids.join(",")}`)
    .join(" ");
  const changes = record.changes === "[]" ? "" : ` changed=${record.changes}`;
  // A response withheld after its record committed disclosed nothing: said first, so nobody reads the list as a disclosure.
  const what = status?.responseWithheld
    ? `response WITHHELD, nothing disclosed${disclosed ? ` (would have been ${disclosed})` : ""}`
    : disclosed || "nothing disclosed";
  const refused = record.refusal ? ` refused=${record.refusal}` : "";
  const intent = status?.intentStatus ? ` intent ${status.intentStatus.toUpperCase()}` : "";
  return `#${record.seq} ${record.recordedAt} [${record.kind ?? "record"}${intent}] ${who}${to} ${record.operationType} ${record.operationName ?? "(anonymous)"} request=${record.requestId} justification=${JSON.stringify(record.justification)} ${what}${changes}${refused}`;
}

/** The command line with the argument of --value (or --value=…) replaced by its keyed hash. */
function hiddenValue(args: readonly string[], hasher: AuditValueHasher): string[] {
  return args.map((arg, index) => {
    if (arg.startsWith("--value=")) return `--value=${hasher.hash(arg.slice("--value=".length))}`;
    return index > 0 && args[index - 1] === "--value" ? hasher.hash(arg) : arg;
  });
}

/** Runs one command; returns the exit status (0 fine, 1 the chain is broken, 2 a refused command line). */
export async function runAuditCli(argv: readonly string[], io: AuditCliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h") {
    io.out(AUDIT_CLI_USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "verify") {
    const after = verifyAnchor(rest);
    const report = await verifyAuditChain(io.db, { after });
    if (report.problem) {
      io.out(`audit trail BROKEN at record ${report.problem.seq} (${report.problem.kind}): ${report.problem.message}`);
      io.out(
        `${report.checked} records verified before it${report.last ? `; the last good one is #${report.last.seq}, hash ${report.last.hash}` : ""}`,
      );
      return 1;
    }
    io.out(
      report.last
        ? `audit trail verified: ${report.checked} records, unbroken; the last is #${report.last.seq}, hash ${report.last.hash}`
        : "audit trail verified: it is empty",
    );
    if (report.withheldResponses > 0)
      io.out(`${report.withheldResponses} response(s) withheld after their record committed (recorded as withheld)`);
    if (report.openIntentCount > 0) {
      io.out(
        `${report.openIntentCount} mutation intent(s) without an outcome: each may or may not have changed data (its subgraph knows, by idempotency key; a retry with the same key completes it)`,
      );
      for (const intent of report.openIntents) {
        io.out(
          `  open intent #${intent.seq} ${intent.recordedAt} ${intent.sub} ${intent.operationName ?? "(anonymous)"} request=${intent.requestId}`,
        );
      }
      if (report.openIntentCount > report.openIntents.length) io.out(`  … and ${report.openIntentCount - report.openIntents.length} more`);
    } else {
      io.out("no mutation intent is without its outcome");
    }
    return 0;
  }
  if (command === "grant") return grant(rest, io);
  if (command === "migrate") {
    if (rest.length > 0) throw new AuditCliUsageError("migrate takes no options");
    const applied = await migrateAuditStore(io.db);
    io.out(applied.length > 0 ? `applied ${applied.join(", ")}` : "the audit store is up to date");
    return 0;
  }
  if (command !== "who-consulted" && command !== "activity") throw new AuditCliUsageError(`Unknown command "${command}"`);

  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        ...Object.fromEntries(ENTITY_OPTIONS.map(({ name }) => [name, { type: "string" as const }])),
        sub: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        limit: { type: "string" },
        before: { type: "string" },
        justification: { type: "string" },
        value: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AuditCliUsageError((error as Error).message);
  }
  const query: AuditQuery = { limit: positiveInt(values.limit, "--limit", 50, 1000) };
  const asked = ENTITY_OPTIONS.flatMap(({ type, name }) => {
    const id = (values as Record<string, unknown>)[name];
    return typeof id === "string" ? [{ type, id }] : [];
  });
  if (command === "who-consulted") {
    if (asked.length !== 1) throw new AuditCliUsageError(`who-consulted needs exactly one of ${ENTITY_CHOICE}`);
    if (values.sub !== undefined) throw new AuditCliUsageError("--sub belongs to the activity command");
    query.disclosing = asked;
  } else {
    if (values.sub === undefined) throw new AuditCliUsageError("activity needs --sub");
    if (asked.length > 0) throw new AuditCliUsageError(`${ENTITY_CHOICE} belong to who-consulted`);
    query.sub = values.sub;
  }
  if (values.from !== undefined) query.from = instant(values.from, "--from", false);
  if (values.to !== undefined) query.to = instant(values.to, "--to", true);
  if (values.before !== undefined) query.beforeSeq = positiveInt(values.before, "--before", 0, Number.MAX_SAFE_INTEGER);
  const hasher = io.hasher ?? DEFAULT_AUDIT_CONTENT.hasher;
  if (values.value !== undefined) query.holding = hasher.candidates(values.value);
  const justification = values.justification?.trim();
  if (!justification)
    throw new AuditCliUsageError(`${command} needs --justification: reading the audit trail is itself recorded, with why`);
  const problem = checkJustification(justification, io.minJustificationLength ?? DEFAULT_AUDIT_CONTENT.minJustificationLength);
  if (problem !== null) throw new AuditCliUsageError(`--justification: ${problem}`);

  // Recorded before anything is shown: if the trail cannot take the record, nothing is read. The value
  // looked for is recorded as its keyed hash, like every value the trail may not keep.
  const document = ["audit", command, ...hiddenValue(rest, hasher)].join(" ");
  const entry: AuditEntry = {
    kind: "consultation",
    recordedAt: (io.now?.() ?? new Date()).toISOString(),
    requestId: `cli-${createHash("sha256").update(`${Date.now()}:${process.pid}:${Math.random()}`).digest("hex").slice(0, 32)}`,
    sub: `cli:${io.operator}`,
    persona: "auditor",
    jurisdiction: "national",
    recipient: null,
    justification,
    operationType: "query",
    operationName: `cli ${command}`,
    documentHash: createHash("sha256").update(document).digest("hex"),
    document,
    variables: JSON.stringify(query),
    // Asking who consulted an entity tells the auditor about it: it is what this consultation disclosed.
    disclosed: query.disclosing ?? [],
    changes: "[]",
    retryKey: null,
  };
  await appendAuditEntries(io.db, [entry]);

  const records = await findAuditRecords(io.db, query);
  const statuses = await auditRecordStatuses(io.db, records);
  for (const record of records) {
    const status = statuses.get(record.seq);
    // --json keeps the per-entity lists ("persons": […]) beside the disclosures, for scripts written against them.
    io.out(values.json ? JSON.stringify({ ...record, ...disclosedIdsByEntity(record.disclosed), ...status }) : describe(record, status));
  }
  if (!values.json) {
    io.out(
      records.length === 0
        ? "no records"
        : `${records.length} record(s)${records.length === query.limit ? `; next page: --before ${records[records.length - 1].seq}` : ""}`,
    );
  }
  return 0;
}

/** Everything the audit CLI reads: the store the gateway writes and how its values are hashed. */
export const AUDIT_CLI_ENV = envSchema("audit CLI", { log: logPiece, store: auditStorePiece, content: auditContentPiece });

function readAuditCliEnv() {
  return readEnv(AUDIT_CLI_ENV);
}

if (require.main === module) {
  let settings: ReturnType<typeof readAuditCliEnv>;
  try {
    settings = readAuditCliEnv();
  } catch (error) {
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const { database } = settings.store;
  const content = settings.content;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(database);
  } catch (error) {
    // The embedded store is held by a running gateway (npm start): said at once, with what to do.
    if (!(error instanceof DataDirLockedError)) throw error;
    process.stderr.write(`audit: ${error.message}
`);
    process.exit(3);
  }
  const schema = database.engine === "postgres" ? database.schema : null;
  runAuditCli(process.argv.slice(2), {
    db,
    schema,
    out: (line) => process.stdout.write(`${line}\n`),
    operator: os.userInfo().username,
    hasher: content.hasher,
    minJustificationLength: content.minJustificationLength,
  })
    .then(
      (status) => {
        process.exitCode = status;
      },
      (error: unknown) => {
        if (error instanceof AuditCliUsageError) {
          process.stderr.write(`audit: ${error.message}\n\n${AUDIT_CLI_USAGE}`);
          process.exitCode = 2;
          return;
        }
        // The code only: a database message can quote the values it refused.
        const code = (error as { code?: unknown })?.code;
        if (code === "42P01") {
          process.stderr.write("audit: there is no audit trail in this store yet (the gateway creates it when it first starts)\n");
          process.exitCode = 3;
          return;
        }
        process.stderr.write(
          `audit: the audit store could not be read (${typeof code === "string" ? code : ((error as Error)?.name ?? "error")})\n`,
        );
        process.exitCode = 3;
      },
    )
    .finally(() => db.close());
}
