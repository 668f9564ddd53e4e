import personas from "../../schema/personas.json";
import { DEFAULT_MIN_JUSTIFICATION_LENGTH } from "../../platform/audit/content-config";
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

/** Whether schema/personas.json says the persona is a system's (court listing systems, dashboards), not a person's. */
export function isServicePersona(persona: string | null): boolean {
  return rulesOf(persona)?.service === true;
}

/** Service personas (court listing systems, dashboards) receive data on behalf of a system: it is the recipient. */
export function recipientOf(principal: Principal): string | null {
  return rulesOf(principal.persona)?.service === true ? principal.sub : null;
}

export type JustificationResult = { ok: true; justification: string | null } | { ok: false; problem: string };

/** A letter or a digit: a justification of only punctuation and spaces says nothing. */
const SAYS_SOMETHING = /[\p{L}\p{N}]/u;
/** Control characters (NUL among them) and lone surrogates: nothing a person types as a reason, and not storable. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNFIT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `text` (trimmed) is a justification: at most MAX_JUSTIFICATION_LENGTH
 * characters, at least `minLength`, with a letter or digit, no control
 * characters. The problem is the message the caller gets.
 */
export function checkJustification(text: string, minLength = DEFAULT_MIN_JUSTIFICATION_LENGTH): string | null {
  if (text.length > MAX_JUSTIFICATION_LENGTH) return `The justification is longer than ${MAX_JUSTIFICATION_LENGTH} characters`;
  if (UNFIT.test(text)) return "The justification contains control characters: say why in words";
  if ([...text].length < minLength || !SAYS_SOMETHING.test(text)) {
    return `The justification is too short: say why you consult this data in at least ${minLength} characters, with words (not only punctuation)`;
  }
  return null;
}

/**
 * The request's x-justification header, else the token's purpose claim;
 * blank counts as none. One given must pass checkJustification, whichever
 * persona gives it: a justification on the record must say something.
 */
export function justificationOf(
  principal: Principal,
  headers: { get(name: string): string | null } | undefined,
  minLength = DEFAULT_MIN_JUSTIFICATION_LENGTH,
): JustificationResult {
  const header = headers?.get(JUSTIFICATION_HEADER)?.trim();
  const text = header ? header : principal.purpose?.trim() || null;
  if (text === null) return { ok: true, justification: null };
  const problem = checkJustification(text, minLength);
  return problem === null ? { ok: true, justification: text } : { ok: false, problem };
}
