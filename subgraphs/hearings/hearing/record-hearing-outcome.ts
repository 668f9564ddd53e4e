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
import type { CourtHearing } from "./hearing.type";

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
  const outcome = {
    hearingId: input.hearingId,
    status: input.status,
    decision: input.decision ?? null,
    outcomeNote: input.outcomeNote?.trim() || null,
    expiresOn: input.expiresOn ?? null,
    untilFurtherOrder: input.untilFurtherOrder ?? null,
  };
  if (outcome.outcomeNote !== null && outcome.outcomeNote.length > MAX_OUTCOME_NOTE_LENGTH) {
    throw new BadUserInputError("input.outcomeNote", `at most ${MAX_OUTCOME_NOTE_LENGTH} characters; got ${outcome.outcomeNote.length}`);
  }
  const { principal, clock } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: outcome,
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
      const check = checkHearingOutcome(hearing, outcome, decidedOn, order);
      if (!check.ok) throw new BadUserInputError(`input.${check.field}`, check.problem);

      await new HearingWriter(tx).recordOutcome(hearing.id, outcome);
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
      };
      await appendToOutbox(tx, STREAMS.hearingOutcomes.name, [{ type: HEARING_OUTCOME_RECORDED, payload }]);
    },
    // The loader is cleared first: the outcome just changed the row it may hold.
    read: (hearingId) => context.loaders.hearingById.clear(hearingId).load(hearingId),
    afterChange: () => context.eventsWritten(),
  });
}
