import fc from "fast-check";
import { addDays } from "../../../platform/dates";
import { checkTermChanges, TERM_CATEGORY_TYPE, type TermChange, type TermCategory, type TermsDecision } from "../../terms";

/** Generated decision histories on terms that the rules accept (checkTermChanges), for the fold's property tests. */
export const START = "2026-01-01";
export const TERM_IDS = ["a", "b", "c", "d", "e"];
const categories = Object.keys(TERM_CATEGORY_TYPE) as TermCategory[];

const candidateChange = fc.record({
  action: fc.constantFrom("MAKE", "VARY", "REMOVE"),
  termId: fc.constantFrom(...TERM_IDS),
  category: fc.constantFrom(...categories),
  description: fc.constantFrom("Not to contact P", "Not to enter the street", "To attend an assessment"),
  untilOffset: fc.option(fc.integer({ min: 1, max: 60 })),
});

export const candidateDecision = fc.record({
  gap: fc.integer({ min: 0, max: 20 }),
  effect: fc.constantFrom("vary", "extend", "vary", "renew"),
  changes: fc.array(candidateChange, { maxLength: 3 }),
});

export type Candidate = {
  gap: number;
  effect: string;
  changes: { action: string; termId: string; category: TermCategory; description: string; untilOffset: number | null }[];
};

/** Turns candidates into a history the rules accept: the first that makes the order, then whichever changes pass. */
export function acceptedHistory(first: Candidate, rest: Candidate[]): TermsDecision[] {
  const history: TermsDecision[] = [];
  let day = START;
  [first, ...rest].forEach((candidate, index) => {
    day = addDays(day, candidate.gap);
    const once = candidate.changes.filter((change, i) => candidate.changes.findIndex((other) => other.termId === change.termId) === i);
    const changes: TermChange[] = once.map((change) => {
      const type = TERM_CATEGORY_TYPE[change.category] ?? "PROHIBITION";
      const until = change.untilOffset === null ? null : addDays(day, change.untilOffset);
      if (index === 0 || change.action === "MAKE") {
        return {
          action: "MAKE",
          termId: change.termId,
          content: { type, category: change.category, description: change.description, exclusionArea: null, until },
        };
      }
      if (change.action === "REMOVE") return { action: "REMOVE", termId: change.termId };
      return { action: "VARY", termId: change.termId, variation: { description: `${change.description} (varied ${index})`, until } };
    });
    const decision: TermsDecision = {
      decisionId: `d${index}`,
      decidedOn: day,
      effect: index === 0 ? "make" : (candidate.effect as TermsDecision["effect"]),
      changes,
    };
    if (checkTermChanges(history, decision).ok) history.push(decision);
    else if (index > 0) history.push({ ...decision, changes: [], effect: "none" });
  });
  return history;
}
