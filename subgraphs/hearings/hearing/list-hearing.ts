import { randomUUID } from "node:crypto";
import { checkNewListing, type ListingSlot } from "../../../domain/listing";
import { findOrderFacts } from "../../../domain/order-facts/order-facts-copy";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import { HearingLanguage } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import { BadUserInputError } from "../../../platform/errors/errors";
import { findCourt } from "../../../platform/estate";
import { coversCourt, coversForce, type Principal } from "../../../platform/identity/principal";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";
import { HearingWriter } from "./hearing.writer";
import type { ListHearingInput } from "./listing.input";
import { courtroomOf, insertListedHearing, listingRules, refused } from "./listing-slot";

/**
 * listHearing: a court's listing system lists a new hearing about an order at one of its courts
 * (domain/listing.ts: a court hearing that type, a sitting weekday not past, a free place in the courtroom's
 * list, an order in the state the type of hearing is for). The hearing and the first entry of its listing history
 * are written in ONE transaction with the idempotency record. No other subgraph keeps a copy of hearings, so no
 * event is published: orders and breaches hear of a hearing when its outcome is recorded. A refusal changes nothing.
 */
export async function listHearing(context: HearingsContext, input: ListHearingInput): Promise<CourtHearing> {
  const slot: ListingSlot = {
    courtCode: input.courtCode,
    listedFor: input.listedFor,
    courtroom: courtroomOf(input.courtroom),
    listingSequence: input.listingSequence ?? null,
    listedDurationMinutes: input.listedDurationMinutes ?? null,
  };
  const listing = {
    orderId: input.orderId,
    type: input.type,
    ...slot,
    listedFor: slot.listedFor.toISOString(),
    hearingLanguage: input.hearingLanguage ?? HearingLanguage.ENGLISH,
    reportingRestrictions: input.reportingRestrictions ?? null,
    youthMarker: input.youthMarker ?? null,
  };
  const { principal, clock } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: listing,
    newResultId: randomUUID(),
    async authorize(tx) {
      // Another court's list is not the caller's to write: the same answer as an unknown court.
      if (!findCourt(slot.courtCode) || !coversCourt(principal, slot.courtCode)) {
        throw new BadUserInputError("input.courtCode", `no court "${slot.courtCode}" among your courts`);
      }
      const order = await findOrderFacts(tx, listing.orderId);
      // An order the caller may not know of does not exist for it: the same answer as an unknown id.
      if (!order || !(await mayListFor(tx, principal, order, listing.type, slot.courtCode))) {
        throw new BadUserInputError("input.orderId", "no order with this id that your courts hear");
      }
      return order;
    },
    async perform(tx, order, id) {
      const writer = new HearingWriter(tx);
      const rules = await listingRules(writer, principal, clock, slot, [slot.courtCode], null);
      const check = checkNewListing(listing.type, order, slot, rules);
      if (!check.ok) throw refused("input", check);
      await insertListedHearing(
        writer,
        {
          id,
          type: listing.type,
          slot,
          hearingLanguage: listing.hearingLanguage,
          markers: { reportingRestrictions: listing.reportingRestrictions, youthMarker: listing.youthMarker },
          orderId: order.id,
          respondentId: order.respondentId,
          breachId: null,
          caseNumber: null,
          previousHearingId: null,
        },
        rules,
        principal.sub,
        "input",
      );
    },
    read: (hearingId) => context.loaders.hearingById.load(hearingId),
  });
}

/**
 * Whether the caller may list a hearing about the order: a force or national caller covering its force; a court
 * caller the orders it covers as orders does (made at one of its courts, or heard at one), and the appeals against
 * an order of its Crown Court's area (an appeal goes to the Crown Court, not to the court that decided).
 */
async function mayListFor(tx: Db, principal: Principal, order: OrderFacts, type: string, courtCode: string): Promise<boolean> {
  if (principal.jurisdiction.kind !== "courts") return coversForce(principal, order.applicantForceCode);
  const courts = principal.jurisdiction.courts;
  if (order.courtCode !== null && courts.includes(order.courtCode)) return true;
  const court = findCourt(courtCode);
  const orderArea = order.courtCode === null ? order.applicantForceCode : findCourt(order.courtCode)?.forceCode;
  if (type === "APPEAL" && court?.jurisdiction === "CROWN" && court.forceCode === orderArea) return true;
  const [heard] = await tx.query(`SELECT 1 FROM court_hearing WHERE order_id = $1 AND court_code = ANY($2) LIMIT 1`, [order.id, courts]);
  return heard !== undefined;
}
