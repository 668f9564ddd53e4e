import { STREAMS } from "../../../domain/topology";
import {
  checkHearingOutcome,
  HEARING_OUTCOME_RECORDED,
  type HearingOutcomeRecordedPayload,
  type OrderEffect,
} from "../../../domain/court-decisions";
import type { Db } from "../../../platform/db/db";
import { type DomainEvent } from "../../../platform/events/event";
import { EventRejectedError } from "../../../platform/events/inbox";
import { appendToOutbox } from "../../../platform/events/outbox";
import { ORDER_FACTS_CHANGED, type OrderFacts, type OrderFactsChangedPayload } from "../../../domain/order-facts/order-facts";
import { OrderWriter, type NewOrderEvent } from "../order/order.writer";
import { withoutText } from "../../../domain/terms";
import { OrderTermsRepository } from "../order/order-terms.repository";
import { applyDecisionTerms } from "./decision-terms";

/**
 * Applies a recorded hearing outcome to the order it is about: the order gains
 * the decision's events and its facts change (its status follows, being
 * derived from them); a full order made on an interim order's application is
 * created and supersedes the interim. Runs inside the consumer's transaction
 * (platform/events/inbox.ts), so the change, the record that this event was
 * applied, and the OrderFactsChanged events for hearings and breaches commit together.
 * The decision's terms are recorded with it (decision-terms.ts), and the events carry each order's terms
 * without their text, for hearings and breaches to check later decisions and breaches against.
 *
 * The decision is checked again here, against the order as it is now, with
 * the same rules hearings checked it with: an outcome that no longer fits
 * (another decision got there first) is rejected and kept for a person, never
 * half-applied.
 */
export async function applyHearingOutcomeToOrders(tx: Db, event: DomainEvent): Promise<void> {
  if (event.type !== HEARING_OUTCOME_RECORDED) return;
  const outcome = event.payload as HearingOutcomeRecordedPayload;
  if (outcome.orderId === null) return;
  const writer = new OrderWriter(tx);
  const order = await writer.lockOrder(outcome.orderId);
  if (!order) throw new EventRejectedError(`no order "${outcome.orderId}" (hearing ${outcome.hearingId})`);
  const check = checkHearingOutcome(
    { type: outcome.hearingType, courtCode: outcome.courtCode, orderId: outcome.orderId, breachId: outcome.breachId },
    outcome,
    outcome.decidedOn,
    order,
  );
  if (!check.ok) throw new EventRejectedError(`${check.field}: ${check.problem} (hearing ${outcome.hearingId})`);
  const changed = await applyEffect(writer, order, check.orderEffect, outcome);
  const fullOrder = check.orderEffect.kind === "makeFullSuperseding" ? changed.find((change) => change.order.id !== order.id)! : null;
  await applyDecisionTerms(tx, order, check.orderEffect, outcome, fullOrder?.order.id ?? null);
  const changedIds = changed.map((change) => change.order.id);
  const protectedPersons = await writer.protectedPersonIdsOf(changedIds);
  const terms = new Map((await new OrderTermsRepository(tx).decisionsOf(changedIds)).map((held) => [held.orderId, held.decisions]));
  await appendToOutbox<OrderFactsChangedPayload>(
    tx,
    STREAMS.orderFacts.name,
    changed.map((change) => ({
      type: ORDER_FACTS_CHANGED,
      payload: {
        ...change,
        parties: { respondentId: change.order.respondentId, protectedPersonIds: protectedPersons.get(change.order.id)! },
        terms: withoutText(terms.get(change.order.id) ?? []),
      },
    })),
  );
}

type FactsChange = Omit<OrderFactsChangedPayload, "parties">;

async function applyEffect(
  writer: OrderWriter,
  order: OrderFacts,
  effect: OrderEffect,
  outcome: HearingOutcomeRecordedPayload,
): Promise<FactsChange[]> {
  const at = (type: NewOrderEvent["type"], details: Partial<NewOrderEvent> = {}): NewOrderEvent => ({
    type,
    on: outcome.decidedOn,
    courtCode: outcome.courtCode,
    // Never the court's outcome note: it is case detail of the hearing, guarded by the hearing's court and
    // force, and copying it here would show it to whoever covers the order instead. The event's type, day
    // and court say what was decided.
    note: null,
    ...details,
  });
  const changedOrder = async (events: NewOrderEvent[], change: Parameters<OrderWriter["changeFacts"]>[1]) => {
    await writer.appendEvents(order.id, events);
    return [{ order: await writer.changeFacts(order.id, change), madeAtHearingId: null }];
  };

  switch (effect.kind) {
    case "none":
      return [];
    case "make":
      return changedOrder([at("MADE", { expiry: effect.expiry })], { madeOn: outcome.decidedOn, expiry: effect.expiry });
    case "extend": {
      const review = effect.atReview ? [at("REVIEWED")] : [];
      return changedOrder([...review, at("EXTENDED", { expiry: effect.expiry ?? undefined })], { expiry: effect.expiry ?? undefined });
    }
    case "vary": {
      const appeal = effect.onAppeal ? [at("APPEALED")] : [];
      return changedOrder([...appeal, at("VARIED", { expiry: effect.expiry ?? undefined })], { expiry: effect.expiry ?? undefined });
    }
    case "renew":
      return changedOrder([at("RENEWED", { expiry: effect.expiry })], { expiry: effect.expiry });
    case "end": {
      const appeal = effect.onAppeal ? [at("APPEALED")] : [];
      return changedOrder([...appeal, at(effect.reason)], { ended: { on: outcome.decidedOn, reason: effect.reason } });
    }
    case "makeOnAppeal":
      return changedOrder([at("APPEALED"), at("MADE", { expiry: effect.expiry })], {
        madeOn: outcome.decidedOn,
        expiry: effect.expiry,
        reopened: true,
      });
    case "reinstate":
      return changedOrder([at("APPEALED", { note: "Discharge quashed on appeal: the order has effect again." })], { reopened: true });
    case "makeFullSuperseding": {
      const full = await writer.createFullOrderFrom(order, { on: outcome.decidedOn, courtCode: outcome.courtCode, expiry: effect.expiry });
      await writer.appendEvents(full.facts.id, [at("MADE", { expiry: effect.expiry })]);
      await writer.appendEvents(order.id, [at("SUPERSEDED", { note: `Superseded by full order ${full.reference}.` })]);
      const interim = await writer.changeFacts(order.id, { ended: { on: outcome.decidedOn, reason: "SUPERSEDED" } });
      return [
        { order: interim, madeAtHearingId: null },
        { order: full.facts, madeAtHearingId: outcome.hearingId },
      ];
    }
  }
}
