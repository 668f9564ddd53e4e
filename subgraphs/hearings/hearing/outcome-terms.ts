import { randomUUID } from "node:crypto";
import { MAX_TERM_CHANGES, MAX_TERM_TEXT_LENGTH, type TermChange, type TermVariation } from "../../../domain/terms";
import { BadUserInputError } from "../../../platform/errors/errors";
import type { TermChangeInput } from "./hearing.input";

/**
 * A decision's terms as given (HearingOutcomeInput.terms), read into domain/terms.ts changes without ids yet: what
 * the idempotency record compares. Only the shape is checked here (what each action needs, the text's length);
 * whether the changes fit the order is checkTermChanges's, against the order's terms.
 */
export type GivenTermChange =
  { action: "MAKE"; content: Extract<TermChange, { action: "MAKE" }>["content"] } | Exclude<TermChange, { action: "MAKE" }>;

export function readTermChanges(input: readonly TermChangeInput[] | null | undefined): GivenTermChange[] | null {
  if (input === null || input === undefined) return null;
  if (input.length > MAX_TERM_CHANGES) throw new BadUserInputError("input.terms", `at most ${MAX_TERM_CHANGES} terms; got ${input.length}`);
  return input.map((change, i) => readChange(change, `input.terms[${i}]`));
}

function readChange(change: TermChangeInput, at: string): GivenTermChange {
  const text = (field: "description" | "exclusionArea", value: string) => {
    const trimmed = value.trim();
    if (trimmed.length > MAX_TERM_TEXT_LENGTH) {
      throw new BadUserInputError(`${at}.${field}`, `at most ${MAX_TERM_TEXT_LENGTH} characters; got ${trimmed.length}`);
    }
    return trimmed;
  };
  if (change.action === "MAKE") {
    if (change.termId != null) throw new BadUserInputError(`${at}.termId`, "a term made gets its id from the decision; leave termId out");
    if (change.type == null) throw new BadUserInputError(`${at}.type`, "a term made is a PROHIBITION or a REQUIREMENT");
    if (change.category == null) throw new BadUserInputError(`${at}.category`, "a term made has a category");
    if (change.description == null) throw new BadUserInputError(`${at}.description`, "says what is prohibited or required");
    const exclusionArea = change.exclusionArea == null ? null : text("exclusionArea", change.exclusionArea) || null;
    return {
      action: "MAKE",
      content: {
        type: change.type,
        category: change.category,
        description: text("description", change.description),
        exclusionArea,
        until: change.until ?? null,
      },
    };
  }
  if (change.termId == null || change.termId.trim() === "") {
    throw new BadUserInputError(`${at}.termId`, `the term to ${change.action.toLowerCase()}`);
  }
  if (change.type != null) throw new BadUserInputError(`${at}.type`, "a term's type never changes: remove it and make another");
  if (change.action === "REMOVE") {
    const extra = (["category", "description", "exclusionArea", "until"] as const).find((field) => change[field] !== undefined);
    if (extra) throw new BadUserInputError(`${at}.${extra}`, "a term removed changes nothing else; leave it out");
    return { action: "REMOVE", termId: change.termId };
  }
  const variation: TermVariation = {};
  if (change.category != null) variation.category = change.category;
  if (change.description != null) variation.description = text("description", change.description);
  if (change.exclusionArea !== undefined)
    variation.exclusionArea = change.exclusionArea === null ? null : text("exclusionArea", change.exclusionArea) || null;
  if (change.until !== undefined) variation.until = change.until;
  return { action: "VARY", termId: change.termId, variation };
}

/** The changes with the ids of the terms made (new ones, once: the event carries them, so orders names them alike). */
export function withTermIds(changes: readonly GivenTermChange[]): TermChange[] {
  return changes.map((change) => (change.action === "MAKE" ? { ...change, termId: `term-${randomUUID()}` } : change));
}
