import { STREAMS } from "../../../domain/topology";
import { appendToOutbox } from "../../../platform/events/outbox";
import { checkHearingOutcome, HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
import { londonDateOf } from "../../../platform/dates";
import { BadUserInputError } from "../../../platform/errors/errors";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import { findOrderFacts } from "../../../domain/order-facts/order-facts-copy";
import { coversCourt } from "../../../platform/identity/principal";
import type { HearingsContext } from "../context";
import type { HearingOutcomeInput } from "./hearing.input";
import { HearingWriter } from "./hearing.writer";
import { checkedDisposal, disposalPartsOf } from "./sentence-disposal";
import { appealOf, decisionOfAppeal } from "./appeal-outcome";
import type { CourtHearing } from "./hearing.type";
import { checkDecisionTerms } from "./decision-terms";
import { readTermChanges, withTermIds } from "./outcome-terms";
import { listNextHearing, nextHearingRequest } from "./next-hearing";

/** Longest outcome note accepted. */
export const MAX_OUTCOME_NOTE_LENGTH = 2000;

/**
 * recordHearingOutcome: checks the outcome against the hearing and the order
 * it is about (domain/court-decisions.ts), records it, and writes the
 * HearingOutcomeRecorded event to the outbox — all in ONE transaction, so the
 * outcome and the event that carries it to orders and breaches exist together
 * or not at all. Any refusal changes nothing. The same idempotency key with the
 * same input returns the hearing unchanged (after the same court check as a
 * first request); with another input it is refused.
 */
export async function recordHearingOutcome(context: HearingsContext, input: HearingOutcomeInput): Promise<CourtHearing> {
  const givenTerms = readTermChanges(input.terms);
  const outcome = {
    hearingId: input.hearingId,
    status: input.status,
    decision: input.decision ?? null,
    outcomeNote: input.outcomeNote?.trim() || null,
    expiresOn: input.expiresOn ?? null,
    untilFurtherOrder: input.untilFurtherOrder ?? null,
    // The terms as given (their new ids come once, when the outcome is recorded); absent when not given, so a
    // request recorded before outcomes carried terms compares alike.
    ...(givenTerms === null ? {} : { terms: givenTerms }),
  };
  if (outcome.outcomeNote !== null && outcome.outcomeNote.length > MAX_OUTCOME_NOTE_LENGTH) {
    throw new BadUserInputError("input.outcomeNote", `at most ${MAX_OUTCOME_NOTE_LENGTH} characters; got ${outcome.outcomeNote.length}`);
  }
  // Breach sentencing: the structured disposal, left out of the request when not given (keys from before it replay).
  const disposalParts = disposalPartsOf(input.disposal);
  // Crown Court appeals: the appeal's outcome, likewise left out when not given.
  const appeal = appealOf(input.appeal);
  const request = {
    ...outcome,
    ...(disposalParts !== null && { disposal: disposalParts }),
    ...(appeal !== null && { appeal }),
  };
  const { principal, clock } = context;
  // Court listing: the next hearing an adjournment lists (next-hearing.ts); a request without one keeps its fingerprint.
  const nextHearing = input.nextHearing ? nextHearingRequest(input.nextHearing) : null;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: nextHearing ? { ...request, nextHearing } : request,
    newResultId: outcome.hearingId,
    async authorize(tx) {
      const hearing = await new HearingWriter(tx).lockHearing(outcome.hearingId);
      // A hearing at a court the caller does not cover does not exist for it: the same answer as an unknown id.
      if (!hearing || !coversCourt(principal, hearing.courtCode)) {
        throw new BadUserInputError("input.hearingId", "no hearing with this id at your courts");
      }
      return hearing;
    },
    async perform(tx, hearing) {
      if (hearing.status === "VACATED") throw new BadUserInputError("input.hearingId", "the hearing was vacated; it has no outcome");
      if (hearing.status === "HEARD")
        throw new BadUserInputError("input.hearingId", "an outcome has already been recorded for this hearing");
      const decidedOn = londonDateOf(hearing.listedFor);
      if (decidedOn > clock.today()) {
        throw new BadUserInputError(
          "input.hearingId",
          `the hearing is listed for ${decidedOn}; its outcome cannot be recorded before then`,
        );
      }

      const order = hearing.orderId === null ? null : await findOrderFacts(tx, hearing.orderId);
      // Crown Court appeals: the outcome is recorded as the decision the appeal rules give it, checked below as any other.
      if (appeal !== null) outcome.decision = decisionOfAppeal(hearing, outcome, appeal, decidedOn, order);
      const check = checkHearingOutcome(hearing, outcome, decidedOn, order);
      if (!check.ok) throw new BadUserInputError(`input.${check.field}`, check.problem);
      const disposal = checkedDisposal(hearing.type, outcome.decision, disposalParts);

      const terms = givenTerms === null ? null : withTermIds(givenTerms);
      if (terms !== null) {
        const termsCheck = await checkDecisionTerms(tx, hearing, check.orderEffect.kind, decidedOn, terms);
        if (!termsCheck.ok) throw new BadUserInputError("input.terms", termsCheck.reason);
      }

      await new HearingWriter(tx).recordOutcome(hearing.id, outcome);
      if (appeal !== null) await new HearingWriter(tx).recordAppeal(hearing.id, appeal);
      if (nextHearing) await listNextHearing(tx, context, hearing, outcome.status, nextHearing);
      // Kept for a correction of this outcome (amend-hearing-outcome.ts), judged against the same order.
      await new HearingWriter(tx).keepOrderFactsJudgedAgainst(hearing.id, order);
      const payload: HearingOutcomeRecordedPayload = {
        hearingId: hearing.id,
        hearingType: hearing.type,
        courtCode: hearing.courtCode,
        orderId: hearing.orderId,
        breachId: hearing.breachId,
        status: outcome.status,
        decision: outcome.decision,
        decidedOn,
        expiresOn: outcome.expiresOn,
        untilFurtherOrder: outcome.untilFurtherOrder,
        outcomeNote: outcome.outcomeNote,
        // Breach sentencing.
        ...(disposal !== null && { disposal }),
        // Crown Court appeals.
        ...(appeal !== null && { appeal }),
        ...(terms === null ? {} : { terms }),
      };
      await appendToOutbox(tx, STREAMS.hearingOutcomes.name, [{ type: HEARING_OUTCOME_RECORDED, payload }]);
    },
    // The loader is cleared first: the outcome just changed the row it may hold.
    read: (hearingId) => context.loaders.hearingById.clear(hearingId).load(hearingId),
    afterChange: () => context.eventsWritten(),
  });
}
