/** Variable names that carry secrets: their values never reach the audit trail. */
const SECRET_NAME = /pass(word)?|secret|token|credential|authori[sz]ation|api[-_]?key|private[-_]?key/i;
export const REDACTED = "[redacted]";

/** The variables as JSON for the audit record, with secret values (at any depth) replaced. */
export function redactedVariables(variables: Record<string, unknown> | undefined): string {
  return JSON.stringify(variables ?? {}, (key, value: unknown) => (key !== "" && SECRET_NAME.test(key) ? REDACTED : value));
}
