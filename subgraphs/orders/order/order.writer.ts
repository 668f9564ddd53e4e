import { randomUUID } from "node:crypto";
import type { Db } from "../../../platform/db/db";
import type { Expiry } from "../../../domain/court-decisions";
import { ORDER_FACTS_COLUMNS, type OrderFacts } from "../../../domain/order-facts/order-facts";
import type { OrderEndReason, OrderEventType } from "../../../domain/vocabulary";
import { OrderRepository } from "./order.repository";
import {
  ORDER_APPLICATION_TABLE,
  ORDER_EVENT_TABLE,
  ORDER_MANAGEMENT_TRANSFER_TABLE,
  ORDER_PROTECTED_PERSON_TABLE,
  ORDER_TABLE,
  ORDER_TERM_TABLE,
  type OrderManagementTransferRow,
} from "./order.table";
import type { AreaGround } from "../../../domain/applications";

/** An order's facts, as the orders table holds them: what every write returns and publishes. */
const FACTS = ORDER_TABLE.selectList({ only: Object.keys(ORDER_FACTS_COLUMNS) as (keyof typeof ORDER_FACTS_COLUMNS)[] });

export interface NewOrderEvent {
  type: `${OrderEventType}`;
  on: string;
  courtCode: string | null;
  note: string | null;
  /** Set on events that set or change the expiry. */
  expiry?: Expiry;
  /** The hearing whose outcome adds the event, so a correction of that outcome finds it. */
  hearingId?: string;
}

/** A change to an order's facts; every change bumps its version. */
export interface OrderFactsChange {
  madeOn?: string;
  expiry?: Expiry;
  ended?: { on: string; reason: `${OrderEndReason}` };
  /** The end is undone (an appeal allowed against a refusal or a discharge): the order no longer has ended. */
  reopened?: true;
}

/**
 * Writes of the orders subgraph, inside the transaction of the event being
 * applied: the order's facts, its events and, for a full order made on an
 * interim order's application, the new order. Facts and events change together. Reads for
 * requests are the repository's (order.repository.ts).
 */
export class OrderWriter {
  constructor(private readonly tx: Db) {}

  /** The order's facts, locked until the transaction ends; null if there is no such order. */
  async lockOrder(id: string): Promise<OrderFacts | null> {
    const [row] = await this.tx.query<OrderFacts>(`SELECT ${FACTS} FROM stalking_protection_order WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async changeFacts(id: string, change: OrderFactsChange): Promise<OrderFacts> {
    const [row] = await this.tx.query<OrderFacts>(
      `UPDATE stalking_protection_order SET
         made_on = coalesce($2::date, made_on),
         expires_on = CASE WHEN $3::boolean THEN $4::date ELSE expires_on END,
         until_further_order = CASE WHEN $3::boolean THEN $5::boolean ELSE until_further_order END,
         ended_on = CASE WHEN $8::boolean THEN NULL ELSE coalesce($6::date, ended_on) END,
         end_reason = CASE WHEN $8::boolean THEN NULL ELSE coalesce($7, end_reason) END,
         version = version + 1
       WHERE id = $1 RETURNING ${FACTS}`,
      [
        id,
        change.madeOn ?? null,
        change.expiry !== undefined,
        change.expiry?.expiresOn ?? null,
        change.expiry?.untilFurtherOrder ?? false,
        change.ended?.on ?? null,
        change.ended?.reason ?? null,
        change.reopened === true,
      ],
    );
    return row;
  }

  /** Appends events after the order's last one, in the order given. */
  async appendEvents(orderId: string, events: readonly NewOrderEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.tx.query(
      `INSERT INTO order_event (order_id, position, type, occurred_on, court_code, note, expires_on, until_further_order, hearing_id)
       SELECT $1, base.next + e.ordinality - 1, e.type, e.occurred_on, e.court_code, e.note, e.expires_on, e.until_further_order, e.hearing_id
         FROM (SELECT coalesce(max(position) + 1, 0) AS next FROM order_event WHERE order_id = $1) base,
              unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::date[], $7::boolean[], $8::text[])
                WITH ORDINALITY AS e (type, occurred_on, court_code, note, expires_on, until_further_order, hearing_id, ordinality)`,
      [
        orderId,
        events.map((event) => event.type),
        events.map((event) => event.on),
        events.map((event) => event.courtCode),
        events.map((event) => event.note),
        events.map((event) => event.expiry?.expiresOn ?? null),
        events.map((event) => (event.expiry ? event.expiry.untilFurtherOrder : null)),
        events.map((event) => event.hearingId ?? null),
      ],
    );
  }

  /**
   * A full order made on the application behind `interim`: same respondent
   * and protected persons (its terms are the decision's: decision-terms.ts), the
   * interim's application day, the next reference of the force and year of
   * that application. Its history starts with the application.
   */
  async createFullOrderFrom(
    interim: OrderFacts,
    made: { on: string; courtCode: string; expiry: Expiry },
  ): Promise<{ facts: OrderFacts; reference: string }> {
    const id = randomUUID();
    const applicationYear = Number((interim.appliedOn ?? made.on).slice(0, 4));
    const reference = await this.nextReference(interim.applicantForceCode, applicationYear);
    const [facts] = await ORDER_TABLE.insert<OrderFacts>(
      this.tx,
      [
        {
          id,
          reference,
          kind: "FULL",
          applicantForceCode: interim.applicantForceCode,
          courtCode: made.courtCode,
          respondentId: interim.respondentId,
          appliedOn: interim.appliedOn,
          madeOn: made.on,
          expiresOn: made.expiry.expiresOn,
          untilFurtherOrder: made.expiry.untilFurtherOrder,
          supersedesId: interim.id,
          // The full order is managed where the interim order was (the respondent has not moved by being ordered).
          managingForceCode: interim.managingForceCode,
        },
      ],
      { returning: FACTS },
    );
    await this.tx.query(
      `INSERT INTO order_protected_person (order_id, person_id) SELECT $1, person_id FROM order_protected_person WHERE order_id = $2`,
      [id, interim.id],
    );
    await this.tx.query(
      `INSERT INTO order_event (order_id, position, type, occurred_on, court_code, note)
       SELECT $1, 0, type, occurred_on, court_code, note FROM order_event WHERE order_id = $2 AND type = 'APPLIED' ORDER BY position LIMIT 1`,
      [id, interim.id],
    );
    return { facts, reference };
  }

  /**
   * An order applied for and not yet decided: its facts, parties, proposed terms (prohibitions, then
   * requirements), the APPLIED event at the court applied to (its note the application's case detail), and the
   * application's ground. The next reference of the force in the year of application.
   */
  async createAppliedOrder(application: {
    id: string;
    kind: "INTERIM" | "FULL";
    applicantForceCode: string;
    courtCode: string;
    respondentId: string;
    protectedPersonIds: readonly string[];
    appliedOn: string;
    terms: readonly { category: "PROHIBITION" | "REQUIREMENT"; description: string; exclusionArea: string | null }[];
    note: string;
    areaGround: AreaGround | null;
    interimSought: boolean;
  }): Promise<OrderFacts> {
    const reference = await this.nextReference(application.applicantForceCode, Number(application.appliedOn.slice(0, 4)));
    const [facts] = await ORDER_TABLE.insert<OrderFacts>(
      this.tx,
      [
        {
          id: application.id,
          reference,
          kind: application.kind,
          applicantForceCode: application.applicantForceCode,
          courtCode: application.courtCode,
          respondentId: application.respondentId,
          appliedOn: application.appliedOn,
          madeOn: null,
          expiresOn: null,
          untilFurtherOrder: false,
          supersedesId: null,
        },
      ],
      { returning: FACTS },
    );
    await ORDER_PROTECTED_PERSON_TABLE.insert(
      this.tx,
      application.protectedPersonIds.map((personId) => ({ orderId: application.id, personId })),
    );
    await ORDER_TERM_TABLE.insert(
      this.tx,
      application.terms.map((term, position) => ({ orderId: application.id, position, ...term })),
    );
    await ORDER_EVENT_TABLE.insert(this.tx, [
      {
        orderId: application.id,
        position: 0,
        type: "APPLIED",
        occurredOn: application.appliedOn,
        courtCode: application.courtCode,
        note: application.note,
      },
    ]);
    await ORDER_APPLICATION_TABLE.insert(this.tx, [
      { orderId: application.id, areaGround: application.areaGround, interimSought: application.interimSought },
    ]);
    return facts;
  }

  /** The order's facts (the day it was served among them), locked until the transaction ends; null if there is no such order. */
  async lockForService(id: string): Promise<OrderFacts | null> {
    return this.lockOrder(id);
  }

  /** Service on the respondent: the day (a fact: its version grows), and SERVED in the order's history (the court is not known). */
  async recordService(orderId: string, servedOn: string): Promise<OrderFacts> {
    const [facts] = await this.tx.query<OrderFacts>(
      `UPDATE stalking_protection_order SET served_on = $2, version = version + 1 WHERE id = $1 RETURNING ${FACTS}`,
      [orderId, servedOn],
    );
    await this.appendEvents(orderId, [{ type: "SERVED", on: servedOn, courtCode: null, note: null }]);
    return facts;
  }

  /** Every transfer of the order's management, in the order recorded. */
  async transfersOf(orderId: string): Promise<OrderManagementTransferRow[]> {
    return this.tx.query<OrderManagementTransferRow>(
      `SELECT ${ORDER_MANAGEMENT_TRANSFER_TABLE.selectList()} FROM order_management_transfer WHERE order_id = $1 ORDER BY position`,
      [orderId],
    );
  }

  /** Management passes to another force: the transfer after the last one, and the managing force (a fact: its version grows). */
  async transferManagement(
    orderId: string,
    transfer: { fromForceCode: string; toForceCode: string; requestedByForceCode: string; transferredOn: string },
  ): Promise<OrderFacts> {
    await this.tx.query(
      `INSERT INTO order_management_transfer (order_id, position, from_force_code, to_force_code, requested_by_force_code, transferred_on)
       SELECT $1, coalesce(max(position) + 1, 0), $2, $3, $4, $5 FROM order_management_transfer WHERE order_id = $1`,
      [orderId, transfer.fromForceCode, transfer.toForceCode, transfer.requestedByForceCode, transfer.transferredOn],
    );
    const [facts] = await this.tx.query<OrderFacts>(
      `UPDATE stalking_protection_order SET managing_force_code = $2, version = version + 1 WHERE id = $1 RETURNING ${FACTS}`,
      [orderId, transfer.toForceCode],
    );
    return facts;
  }

  /** The protected persons of each order, by order id (every id present, with [] for none). */
  async protectedPersonIdsOf(orderIds: readonly string[]): Promise<Map<string, string[]>> {
    const links = await new OrderRepository(this.tx).findProtectedPersonLinks(orderIds);
    const byOrder = new Map(orderIds.map((id) => [id, [] as string[]]));
    for (const link of links) byOrder.get(link.orderId)!.push(link.personId);
    return byOrder;
  }

  private async nextReference(forceCode: string, year: number): Promise<string> {
    const prefix = `SPO/${forceCode}/${year}/`;
    const take = () =>
      this.tx.query<{ last_serial: number }>(
        `UPDATE order_reference_serial SET last_serial = last_serial + 1 WHERE force_code = $1 AND year = $2 RETURNING last_serial`,
        [forceCode, year],
      );
    let [row] = await take();
    if (!row) {
      // First order of this force-year made here: start after the references the dataset already holds.
      await this.tx.query(
        `INSERT INTO order_reference_serial (force_code, year, last_serial)
         SELECT $1, $2, coalesce(max(split_part(reference, '/', 4)::int), 0)
           FROM stalking_protection_order WHERE applicant_force_code = $1 AND starts_with(reference, $3)
         ON CONFLICT (force_code, year) DO NOTHING`,
        [forceCode, year, prefix],
      );
      [row] = await take();
    }
    return `${prefix}${String(row.last_serial).padStart(4, "0")}`;
  }

  /** What an outcome applied to an order did, kept so a correction of the outcome can undo it (migrations/009). */
  async keepOutcomeEffect(effect: OutcomeEffectRecord): Promise<void> {
    await this.tx.query(
      `INSERT INTO order_outcome_effect (hearing_id, order_id, facts_before, made_order_id) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (hearing_id) DO UPDATE SET order_id = excluded.order_id, facts_before = excluded.facts_before, made_order_id = excluded.made_order_id`,
      [effect.hearingId, effect.orderId, JSON.stringify(effect.factsBefore), effect.madeOrderId],
    );
  }

  /** The effect a hearing's outcome had, and takes it off the record (it is being undone); null if it had none here. */
  async takeOutcomeEffect(hearingId: string): Promise<OutcomeEffectRecord | null> {
    const [row] = await this.tx.query<OutcomeEffectRecord>(
      `DELETE FROM order_outcome_effect WHERE hearing_id = $1
       RETURNING hearing_id AS "hearingId", order_id AS "orderId", facts_before AS "factsBefore", made_order_id AS "madeOrderId"`,
      [hearingId],
    );
    return row ?? null;
  }

  /** The order's facts as they were (made, expiry, end), as a new version: versions only ever grow. */
  async restoreFacts(before: OrderFacts): Promise<OrderFacts> {
    const [row] = await this.tx.query<OrderFacts>(
      `UPDATE stalking_protection_order
          SET made_on = $2, expires_on = $3, until_further_order = $4, ended_on = $5, end_reason = $6, version = version + 1
        WHERE id = $1 RETURNING ${FACTS}`,
      [before.id, before.madeOn, before.expiresOn, before.untilFurtherOrder, before.endedOn, before.endReason],
    );
    return row;
  }

  /** An order made in error, set aside: it was never made, and ended SET_ASIDE on the day it was said to be made. */
  async setAside(orderId: string, on: string): Promise<OrderFacts> {
    const [row] = await this.tx.query<OrderFacts>(
      `UPDATE stalking_protection_order
          SET made_on = NULL, expires_on = NULL, until_further_order = false, ended_on = $2, end_reason = 'SET_ASIDE', version = version + 1
        WHERE id = $1 RETURNING ${FACTS}`,
      [orderId, on],
    );
    return row;
  }

  /** The events a hearing's outcome added to these orders, kept and marked corrected on `on`. */
  async markEventsCorrected(hearingId: string, orderIds: readonly string[], on: string): Promise<void> {
    await this.tx.query(`UPDATE order_event SET corrected_on = $3 WHERE hearing_id = $1 AND order_id = ANY($2) AND corrected_on IS NULL`, [
      hearingId,
      orderIds,
      on,
    ]);
  }
}

export interface OutcomeEffectRecord {
  hearingId: string;
  /** The order the hearing's outcome was about. */
  orderId: string;
  factsBefore: OrderFacts;
  madeOrderId: string | null;
}
