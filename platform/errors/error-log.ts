/**
 * What an unexpected error may put in the application log. Logs are not the
 * audit trail: they are read more widely, shipped to more places and kept
 * under other rules, so they must never carry personal data. Error messages
 * can (a database error quotes the value it refused, "Key (…)=(…)"; a GraphQL
 * error can quote the search terms of a document), so only what describes
 * the fault goes in: the error's class, codes, the database object at fault,
 * the response path, and where in the code it was thrown.
 */
const SAFE_FIELDS = ["code", "routine", "constraint", "table", "column", "schema"] as const;
const MAX_DEPTH = 3;

function stackFrames(error: Error): string {
  return (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .join("\n");
}

export function describeErrorForLog(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return `non-Error thrown (${typeof error})`;
  const record = error as unknown as Record<string, unknown>;
  const parts = [error.name];
  for (const field of SAFE_FIELDS) {
    if (typeof record[field] === "string") parts.push(`${field}=${record[field] as string}`);
  }
  const extensionsCode = (record.extensions as { code?: unknown } | undefined)?.code;
  if (typeof extensionsCode === "string") parts.push(`extensions.code=${extensionsCode}`);
  const path = record.path;
  if (Array.isArray(path)) parts.push(`path=${path.join(".")}`);
  const frames = stackFrames(error);
  let description = `${parts.join(" ")} (message withheld: it may quote personal data)${frames ? `\n${frames}` : ""}`;
  const cause = record.originalError ?? error.cause;
  if (cause && depth < MAX_DEPTH) description += `\ncaused by: ${describeErrorForLog(cause, depth + 1)}`;
  return description;
}

/**
 * Why a process could not start, for its operator: a start-up failure carries
 * configuration, not personal data, and the message is what says what to fix
 * (which variable, which folder). A wrapped detail (the database's) comes first.
 */
export function describeStartFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = (error as { originalError?: unknown }).originalError;
  return detail instanceof Error ? detail.message : error.message;
}
