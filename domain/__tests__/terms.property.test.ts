import fc from "fast-check";
import { addDays } from "../../platform/dates";
import { termsInForceOn, type TermsDecision } from "../terms";
import { acceptedHistory, candidateDecision, START, TERM_IDS } from "./support/term-histories";

/**
 * The terms in force on any day equal an independent model of them: instead of folding the decisions in order,
 * the model asks of each term, on each day, which of its own changes had taken effect by then, and lays out its
 * content as a timeline of intervals [from, to). Decision histories are generated through checkTermChanges, so
 * every history is one the rules accept.
 */
interface Interval {
  from: string;
  to: string | null;
  description: string;
  madeBy: string;
  lastChangedBy: string;
}

/** Each term's content as intervals of days, built from its own changes alone. */
function timelineOf(history: readonly TermsDecision[], termId: string): Interval[] {
  const own = history.flatMap((decision) =>
    decision.changes.filter((change) => change.termId === termId).map((change) => ({ decision, change })),
  );
  const intervals: Interval[] = [];
  let madeBy: string | null = null;
  for (const { decision, change } of own) {
    const open = intervals[intervals.length - 1];
    if (open && (open.to === null || open.to > decision.decidedOn)) open.to = decision.decidedOn;
    if (change.action === "REMOVE") break;
    if (change.action === "MAKE") {
      madeBy = decision.decisionId;
      intervals.push({
        from: decision.decidedOn,
        to: change.content.until,
        description: change.content.description,
        madeBy,
        lastChangedBy: decision.decisionId,
      });
    } else {
      const previous = open!;
      const until = "until" in change.variation ? (change.variation.until ?? null) : previous.to;
      intervals.push({
        from: decision.decidedOn,
        to: until,
        description: change.variation.description ?? previous.description,
        madeBy: madeBy!,
        lastChangedBy: decision.decisionId,
      });
    }
  }
  return intervals;
}

function modelInForceOn(history: readonly TermsDecision[], day: string) {
  return TERM_IDS.flatMap((termId) => {
    const interval = timelineOf(history, termId)
      .filter((candidate) => candidate.from <= day)
      .pop();
    if (!interval || (interval.to !== null && interval.to <= day)) return [];
    return [
      {
        termId,
        description: interval.description,
        madeBy: interval.madeBy,
        lastChangedBy: interval.lastChangedBy,
        effectiveFrom: interval.from,
      },
    ];
  });
}

describe("the terms in force on any day", () => {
  it("equal the independent model, on every day from before the order to after its last change", () => {
    fc.assert(
      fc.property(candidateDecision, fc.array(candidateDecision, { maxLength: 8 }), (first, rest) => {
        fc.pre(first.changes.length > 0);
        const history = acceptedHistory(first, rest);
        const last = history[history.length - 1].decidedOn;
        for (let day = addDays(START, -1); day <= addDays(last, 61); day = addDays(day, 1)) {
          const actual = termsInForceOn(history, day)
            .map(({ termId, description, madeBy, lastChangedBy, effectiveFrom }) => ({
              termId,
              description,
              madeBy,
              lastChangedBy,
              effectiveFrom,
            }))
            .sort((x, y) => x.termId.localeCompare(y.termId));
          expect(actual).toEqual(modelInForceOn(history, day));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("are generated from histories that vary and remove terms, not only make them", () => {
    const samples = fc.sample(fc.tuple(candidateDecision, fc.array(candidateDecision, { maxLength: 8 })), { numRuns: 200, seed: 7 });
    const actions = samples.flatMap(([first, rest]) =>
      acceptedHistory(first, rest)
        .slice(1)
        .flatMap((decision) => decision.changes.map((change) => change.action)),
    );
    expect(new Set(actions)).toEqual(new Set(["MAKE", "VARY", "REMOVE"]));
  });

  it("depend only on the decisions up to that day", () => {
    fc.assert(
      fc.property(
        candidateDecision,
        fc.array(candidateDecision, { maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        (first, rest, offset) => {
          fc.pre(first.changes.length > 0);
          const history = acceptedHistory(first, rest);
          const day = addDays(START, offset);
          expect(termsInForceOn(history, day)).toEqual(
            termsInForceOn(
              history.filter((decision) => decision.decidedOn <= day),
              day,
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leave an accepted variation or extension with at least one term in force on its day", () => {
    fc.assert(
      fc.property(candidateDecision, fc.array(candidateDecision, { maxLength: 8 }), (first, rest) => {
        fc.pre(first.changes.length > 0);
        const history = acceptedHistory(first, rest);
        for (const decision of history)
          if (decision.changes.length > 0)
            expect(termsInForceOn(history.slice(0, history.indexOf(decision) + 1), decision.decidedOn).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
