import { STREAMS } from "../../../domain/topology";
import { appendToOutbox } from "../../../platform/events/outbox";
import { checkHearingOutcome, type HearingUnderDecision } from "../../../domain/court-decisions";
import {
  amendHearingOutcome as checkAmendment,
  HEARING_OUTCOME_AMENDED,
  type AmendableOutcome,
  type HearingOutcomeAmendedPayload,
} from "../../../domain/outcome-amendments";
import { londonDateOf } from "../../../platform/dates";
import { BadUserInputError } from "../../../platform/errors/errors";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import { coversCourt } from "../../../platform/identity/principal";
import type { HearingsContext } from "../context";
import type { AmendHearingOutcomeInput } from "./hearing.input";
import { HearingWriter } from "./hearing.writer";
import type { CourtHearing } from "./hearing.type";
import { MAX_OUTCOME_NOTE_LENGTH } from "./record-hearing-outcome";

/** Longest reason accepted: a reason says what was wrong, it is not a transcript. */
export const MAX_AMENDMENT_REASON_LENGTH = 2000;

/**
 * amendHearingOutcome: corrects a recorded outcome (a clerk's slip). The correction is held to the rule book
 * against the order as it stood before the original outcome took effect (domain/outcome-amendments.ts); the
 * outcome standing until now is kept in the hearing's history with the reason, and the correction takes its
 * place. The HearingOutcomeAmended event, in the same transaction, carries the correction to orders (which undo
 * the original effect and apply the corrected one) and breaches. Authorized exactly as recordHearingOutcome: a
 * hearing at a court the caller does not cover is an unknown id. Any refusal changes nothing.
 */
export async function amendHearingOutcome(context: HearingsContext, input: AmendHearingOutcomeInput): Promise<CourtHearing> {
  const corrected: Outcome & { hearingId: string } = {
    hearingId: input.hearingId,
    status: input.status,
    decision: input.decision ?? null,
    outcomeNote: input.outcomeNote?.trim() || null,
    expiresOn: input.expiresOn ?? null,
    untilFurtherOrder: input.untilFurtherOrder ?? null,
  };
  const reason = input.reason.trim();
  if (corrected.outcomeNote !== null && corrected.outcomeNote.length > MAX_OUTCOME_NOTE_LENGTH) {
    throw new BadUserInputError("input.outcomeNote", `at most ${MAX_OUTCOME_NOTE_LENGTH} characters; got ${corrected.outcomeNote.length}`);
  }
  if (reason.length > MAX_AMENDMENT_REASON_LENGTH) {
    throw new BadUserInputError("input.reason", `at most ${MAX_AMENDMENT_REASON_LENGTH} characters; got ${reason.length}`);
  }
  const { principal, clock } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    // The mutation is part of what the key means: a key first used to record an outcome cannot correct it.
    request: { mutation: "amendHearingOutcome", ...corrected, reason },
    newResultId: corrected.hearingId,
    async authorize(tx) {
      const hearing = await new HearingWriter(tx).lockHearing(corrected.hearingId);
      if (!hearing || !coversCourt(principal, hearing.courtCode)) {
        throw new BadUserInputError("input.hearingId", "no hearing with this id at your courts");
      }
      return hearing;
    },
    async perform(tx, hearing) {
      if (hearing.status === "LISTED") {
        throw new BadUserInputError(
          "input.hearingId",
          "no outcome has been recorded for this hearing: record it with recordHearingOutcome",
        );
      }
      const writer = new HearingWriter(tx);
      const record = await writer.outcomeRecordOf(hearing.id);
      const decidedOn = londonDateOf(hearing.listedFor);
      const orderBefore = record.orderFactsBefore;
      // The order the outcome was decided about: a full order it made has become the hearing's order since.
      const orderId = orderBefore?.id ?? hearing.orderId;
      const underDecision: HearingUnderDecision = { type: hearing.type, courtCode: hearing.courtCode, orderId, breachId: hearing.breachId };
      const standing: Outcome = {
        status: hearing.status,
        decision: hearing.decision,
        outcomeNote: hearing.outcomeNote,
        expiresOn: record.expiresOn,
        untilFurtherOrder: record.untilFurtherOrder,
      };
      const standingCheck = checkHearingOutcome(underDecision, standing, decidedOn, orderBefore);
      const touchesOrder = (outcome: Outcome) =>
        outcome.decision !== null && outcome.decision !== "ADJOURNED" && !isBreachDecision(outcome);
      if (orderId !== null && orderBefore === null && (touchesOrder(standing) || touchesOrder(corrected))) {
        throw new BadUserInputError(
          "input.hearingId",
          "this outcome was recorded before the order it was decided on was kept with it, so a correction cannot be checked against that order; it stands",
        );
      }
      const later =
        orderId === null
          ? false
          : await writer.laterOutcomeOfOrder(
              hearing.id,
              [orderId, ...(hearing.orderId && hearing.orderId !== orderId ? [hearing.orderId] : [])],
              record.recordedAt,
            );
      const amendment = checkAmendment(
        {
          hearing: underDecision,
          decidedOn,
          outcome: standing,
          effect: standingCheck.ok ? standingCheck.orderEffect : { kind: "none" },
        },
        corrected,
        input.reason,
        orderBefore,
        { laterOutcomeOfOrder: later },
      );
      // A correction identical to the outcome is at fault as a whole: the input, not one of its fields.
      if (!amendment.ok)
        throw new BadUserInputError(amendment.argument === "outcome" ? "input" : `input.${amendment.argument}`, amendment.reason);

      await writer.amendOutcome(
        hearing.id,
        { number: record.amendments + 1, standing, recordedAt: record.recordedAt, reason: amendment.reason },
        corrected,
        orderId,
      );
      const payload: HearingOutcomeAmendedPayload = {
        hearingId: hearing.id,
        hearingType: hearing.type,
        courtCode: hearing.courtCode,
        orderId,
        breachId: hearing.breachId,
        status: corrected.status,
        decision: corrected.decision,
        decidedOn,
        expiresOn: corrected.expiresOn,
        untilFurtherOrder: corrected.untilFurtherOrder,
        outcomeNote: corrected.outcomeNote,
        amendment: {
          number: record.amendments + 1,
          correctedOn: clock.today(),
          corrected: {
            status: standing.status,
            decision: standing.decision,
            expiresOn: standing.expiresOn,
            untilFurtherOrder: standing.untilFurtherOrder,
            outcomeNote: standing.outcomeNote,
          },
          effectChanged: amendment.effectChanged,
        },
      };
      await appendToOutbox(tx, STREAMS.hearingOutcomes.name, [{ type: HEARING_OUTCOME_AMENDED, payload }]);
    },
    read: (hearingId) => context.loaders.hearingById.clear(hearingId).load(hearingId),
    afterChange: () => context.eventsWritten(),
  });
}

type Outcome = AmendableOutcome & { outcomeNote: string | null };

const isBreachDecision = (outcome: Outcome) => outcome.decision === "CONVICTED" || outcome.decision === "ACQUITTED";
