import { Day, isoFromDay } from "./calendar";
import { OrderEventRow, OrderRow } from "../../subgraphs/dataset-chunk";
import { OrderEventType } from "../../domain/vocabulary";

/** How long an order lasts: a fixed last day, none (until further order), or none fixed yet (interim). */
export interface Expiry {
  expiresOn: Day | null;
  untilFurtherOrder: boolean;
}

export interface EventDetails {
  courtCode?: string | null;
  note?: string | null;
  /** Set on events that set or change the expiry (MADE of a full order, EXTENDED, RENEWED, some VARIED). */
  expiry?: Expiry;
}

const ENDING_EVENTS: Partial<Record<OrderEventType, OrderRow["endReason"]>> = {
  DISCHARGED: "DISCHARGED",
  SUPERSEDED: "SUPERSEDED",
  REFUSED: "REFUSED",
  WITHDRAWN: "WITHDRAWN",
};

/**
 * An order being written: its history is appended event by event, and each
 * event updates the order's summary columns as it is recorded, so the row can
 * never disagree with its events (the orders migration writes both in one
 * transaction for the same reason).
 */
export class OrderDraft {
  madeOn: Day | null = null;
  servedOn: Day | null = null;
  endedOn: Day | null = null;
  expiry: Expiry = { expiresOn: null, untilFurtherOrder: false };
  lastEventOn: Day = -Infinity;
  private position = 0;

  constructor(
    readonly row: OrderRow,
    private readonly events: OrderEventRow[],
  ) {}

  get id(): string {
    return this.row.id;
  }

  get ended(): boolean {
    return this.endedOn !== null;
  }

  /** True on `day` when the order has been made and has neither ended nor expired. */
  inForceOn(day: Day): boolean {
    if (this.madeOn === null || day < this.madeOn) return false;
    if (this.endedOn !== null && day >= this.endedOn) return false;
    return this.expiry.expiresOn === null || day < this.expiry.expiresOn;
  }

  record(type: OrderEventType, day: Day, details: EventDetails = {}): void {
    // Positions must follow dates; a builder that goes back in time is a bug, not data.
    if (day < this.lastEventOn) {
      throw new Error(`${type} on ${isoFromDay(day)} would precede the last event of order ${this.row.reference}`);
    }
    const { expiry } = details;
    this.events.push({
      orderId: this.row.id,
      position: this.position++,
      type,
      occurredOn: isoFromDay(day),
      courtCode: details.courtCode ?? null,
      note: details.note ?? null,
      expiresOn: expiry?.expiresOn != null ? isoFromDay(expiry.expiresOn) : null,
      untilFurtherOrder: expiry ? expiry.untilFurtherOrder : null,
    });
    this.lastEventOn = day;
    this.applyToSummary(type, day, expiry);
  }

  private applyToSummary(type: OrderEventType, day: Day, expiry: Expiry | undefined): void {
    const row = this.row;
    if (type === "APPLIED") row.appliedOn = isoFromDay(day);
    if (type === "MADE") {
      this.madeOn = day;
      row.madeOn = isoFromDay(day);
    }
    if (type === "SERVED") {
      this.servedOn = day;
      row.servedOn = isoFromDay(day);
    }
    const endReason = ENDING_EVENTS[type];
    if (endReason) {
      this.endedOn = day;
      row.endedOn = isoFromDay(day);
      row.endReason = endReason;
    }
    if (expiry) {
      this.expiry = expiry;
      row.expiresOn = expiry.expiresOn === null ? null : isoFromDay(expiry.expiresOn);
      row.untilFurtherOrder = expiry.untilFurtherOrder;
    }
  }
}
