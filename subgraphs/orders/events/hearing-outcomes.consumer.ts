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
import { applyDecisionTerms } from "../order/decision-terms";
import { HEARING_OUTCOME_AMENDED, type HearingOutcomeAmendedPayload } from "../../../domain/outcome-amendments";

/**
 * Applies a recorded hearing outcome to the order it is about: the order gains
 * the decision's events and its facts change (its status follows, being
 * derived from them); a full order made on an interim order's application is
 * created and supersedes the interim. Runs inside the consumer's transaction
 * (platform/events/inbox.ts), so the change, the record that this event was
 * applied, and the OrderFactsChanged events for hearings and breaches commit together.
 * The decision's terms are recorded with it (order/decision-terms.ts), and the events carry each order's terms
 * without their text, for hearings and breaches to check later decisions and breaches against.
 *
 * The decision is checked again here, against the order as it is now, with
 * the same rules hearings checked it with: an outcome that no longer fits
 * (another decision got there first) is rejected and kept for a person, never
 * half-applied.
 */
export async function applyHearingOutcomeToOrders(tx: Db, event: DomainEvent): Promise<void> {
  if (event.type === HEARING_OUTCOME_AMENDED) return applyOutcomeCorrectionToOrders(tx, event);
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
  await applyTerms(tx, order, check.orderEffect, outcome, changed);
  await keepEffect(writer, outcome.hearingId, order, changed);
  await publishFactsChanges(tx, writer, changed);
}

/** The decision's terms, on the order it is about or the full order it made (order/decision-terms.ts). */
async function applyTerms(tx: Db, order: OrderFacts, effect: OrderEffect, outcome: HearingOutcomeRecordedPayload, changed: FactsChange[]) {
  const fullOrder = effect.kind === "makeFullSuperseding" ? changed.find((change) => change.order.id !== order.id)! : null;
  await applyDecisionTerms(tx, order, effect, outcome, fullOrder?.order.id ?? null);
}

/** What an outcome did to the order, kept for a correction of it to undo (nothing kept when it did nothing). */
async function keepEffect(writer: OrderWriter, hearingId: string, before: OrderFacts, changed: FactsChange[]): Promise<void> {
  if (changed.length === 0) return;
  const made = changed.find((change) => change.madeAtHearingId !== null);
  await writer.keepOutcomeEffect({ hearingId, orderId: before.id, factsBefore: before, madeOrderId: made?.order.id ?? null });
}

/** The OrderFactsChanged events of the orders changed, with their parties and terms (without text), for hearings, breaches and people. */
async function publishFactsChanges(tx: Db, writer: OrderWriter, changed: FactsChange[]): Promise<void> {
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
    hearingId: outcome.hearingId,
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

/**
 * Applies a correction of a recorded outcome (HearingOutcomeAmended, published after the outcome it corrects on
 * the same stream, so it meets the order with that outcome applied). When the effect on the order changed, the
 * original effect is undone and the corrected one applied, in this one transaction:
 * - the events the original added stay in the history, marked corrected on the day of the correction;
 * - the order's facts go back to those the original found (kept when it was applied), as a new version, and the
 *   corrected effect is applied to them, checked with the same rules as a first outcome;
 * - a full order the original made (superseding the interim order) is set aside: SET_ASIDE, never made, its
 *   history kept. A correction that makes a full order again makes a new one.
 * Every order changed is published once with its last version, so the copies of hearings and breaches follow.
 * A correction that no longer fits the order (a later decision got there first) is rejected and kept for a
 * person, never half-applied; a correction that leaves the effect as it was changes nothing here.
 */
async function applyOutcomeCorrectionToOrders(tx: Db, event: DomainEvent): Promise<void> {
  const correction = event.payload as HearingOutcomeAmendedPayload;
  if (correction.orderId === null || !correction.amendment.effectChanged) return;
  const writer = new OrderWriter(tx);
  const correctedOn = correction.amendment.correctedOn;
  const original = await writer.takeOutcomeEffect(correction.hearingId);
  const changes = new Map<string, FactsChange>();
  let order = await writer.lockOrder(correction.orderId);
  if (!order) throw new EventRejectedError(`no order "${correction.orderId}" (hearing ${correction.hearingId})`);
  if (original) {
    const touched = [original.orderId, ...(original.madeOrderId ? [original.madeOrderId] : [])];
    await writer.markEventsCorrected(correction.hearingId, touched, correctedOn);
    // The terms the original decision made or changed go with it; the corrected decision's are recorded below.
    await new OrderTermsRepository(tx).forgetDecision(correction.hearingId, touched);
    if (original.madeOrderId) {
      await writer.lockOrder(original.madeOrderId);
      changes.set(original.madeOrderId, {
        order: await writer.setAside(original.madeOrderId, correction.decidedOn),
        madeAtHearingId: null,
      });
    }
    order = await writer.restoreFacts(original.factsBefore);
    changes.set(order.id, { order, madeAtHearingId: null });
  }
  const check = checkHearingOutcome(
    { type: correction.hearingType, courtCode: correction.courtCode, orderId: correction.orderId, breachId: correction.breachId },
    correction,
    correction.decidedOn,
    order,
  );
  if (!check.ok) throw new EventRejectedError(`${check.field}: ${check.problem} (correction of hearing ${correction.hearingId})`);
  const applied = await applyEffect(writer, order, check.orderEffect, correction);
  await applyTerms(tx, order, check.orderEffect, correction, applied);
  await keepEffect(writer, correction.hearingId, order, applied);
  for (const change of applied) changes.set(change.order.id, change);
  await publishFactsChanges(tx, writer, [...changes.values()]);
}
