import personas from "../../schema/personas.json";
import type { Principal } from "../../platform/identity/principal";

/** Why the caller consults personal data, per request: overrides the token's `purpose` claim. */
export const JUSTIFICATION_HEADER = "x-justification";
export const MAX_JUSTIFICATION_LENGTH = 500;

type PersonaRules = Record<string, { justificationRequired?: boolean; service?: boolean }>;
const PERSONAS = personas.personas as PersonaRules;

function rulesOf(persona: string | null): PersonaRules[string] | undefined {
  return persona !== null && Object.prototype.hasOwnProperty.call(PERSONAS, persona) ? PERSONAS[persona] : undefined;
}

/** schema/personas.json decides; a caller of no known persona must always justify (fail closed). */
export function justificationRequired(persona: string | null): boolean {
  return rulesOf(persona)?.justificationRequired !== false;
}

/** Service personas (court listing systems, dashboards) receive data on behalf of a system: it is the recipient. */
export function recipientOf(principal: Principal): string | null {
  return rulesOf(principal.persona)?.service === true ? principal.sub : null;
}

export type JustificationResult = { ok: true; justification: string | null } | { ok: false; problem: string };

/** The request's x-justification header, else the token's purpose claim; blank counts as none. */
export function justificationOf(principal: Principal, headers: { get(name: string): string | null } | undefined): JustificationResult {
  const header = headers?.get(JUSTIFICATION_HEADER)?.trim();
  const text = header ? header : principal.purpose?.trim() || null;
  if (text !== null && text.length > MAX_JUSTIFICATION_LENGTH) {
    return { ok: false, problem: `The justification is longer than ${MAX_JUSTIFICATION_LENGTH} characters` };
  }
  return { ok: true, justification: text };
}
