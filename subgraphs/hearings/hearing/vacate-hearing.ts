import { checkVacating } from "../../../domain/listing";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";
import { HearingWriter } from "./hearing.writer";
import type { VacateHearingInput } from "./listing.input";
import { lockListedHearing, slotOf } from "./listed-hearing";
import { refused } from "./listing-slot";

/**
 * vacateHearing: a listed hearing at one of the caller's courts is taken out of the list, with a reason
 * (domain/listing.ts). It stays on record, VACATED, deciding nothing; its listing history keeps why. One
 * transaction with the idempotency record; a refusal changes nothing. A vacated hearing has no effect on an order
 * or a breach, so no event is published (recordHearingOutcome's VACATED outcome has none either).
 */
export async function vacateHearing(context: HearingsContext, input: VacateHearingInput): Promise<CourtHearing> {
  const vacating = { hearingId: input.hearingId, reason: input.reason.trim() };
  const { principal } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: vacating,
    newResultId: vacating.hearingId,
    authorize: (tx) => lockListedHearing(tx, principal, vacating.hearingId),
    async perform(tx, hearing) {
      const check = checkVacating(hearing, vacating.reason);
      if (!check.ok) throw refused("input", check);
      const writer = new HearingWriter(tx);
      await writer.vacate(hearing.id);
      await writer.recordListingChange({
        hearingId: hearing.id,
        kind: "VACATED",
        slot: slotOf(hearing),
        reason: vacating.reason,
        changedBy: principal.sub,
      });
    },
    // The loader is cleared first: the change is to the row it may hold.
    read: (hearingId) => context.loaders.hearingById.clear(hearingId).load(hearingId),
  });
}
