import { formatPncId } from "../../domain/pnc";
import { fmix32 } from "./prng";
import { DatasetChunk } from "../../subgraphs/dataset-chunk";

const ORDER_REFERENCE = /^SPO\/(\d{2})\/(\d{4})\/(\d+)$/;
const CASE_NUMBER = /^([A-Z0-9]{5})(\d{2})(\d{6,})$/;

/*
 * Synthetic PNC serials are an affine permutation of a per-year counter over
 * [1,000,000, 10,000,000): unique per year, not visibly sequential (the
 * starting point depends on the year and the dataset's seed), and never below
 * 1,000,000, which is left to the hand-written seed cases.
 */
const PNC_SERIAL_BASE = 1_000_000;
const PNC_SERIAL_SPAN = 9_000_000;
const PNC_SERIAL_MULTIPLIER = 7_654_321; // coprime with 9,000,000 (no factor 2, 3 or 5)

/**
 * Running numbers that must be unique across the whole dataset: order
 * references (SPO/<force>/<year>/<seq>), court case numbers
 * (<court><yy><6 digits>) and PNC IDs. Chunks are generated in application-date
 * order, so numbering them in turn keeps references in date order as well.
 */
export class SequenceRegistry {
  private readonly lastUsed = new Map<string, number>();

  private constructor(private readonly pncSalt: number) {}

  /** A registry whose numbers continue after those already used in `chunk`; `pncSalt` varies PNC serials by dataset. */
  static continuingAfter(chunk: DatasetChunk, pncSalt: number): SequenceRegistry {
    const registry = new SequenceRegistry(pncSalt);
    for (const order of chunk.orders.orders) {
      const match = ORDER_REFERENCE.exec(order.reference);
      if (match) registry.markUsed(`order:${match[1]}/${match[2]}`, Number(match[3]));
    }
    for (const hearing of chunk.hearings.hearings) {
      const match = CASE_NUMBER.exec(hearing.caseNumber);
      if (match) registry.markUsed(`case:${match[1]}${match[2]}`, Number(match[3]));
    }
    return registry;
  }

  orderReference(forceCode: string, year: number): string {
    const sequence = this.take(`order:${forceCode}/${year}`);
    return `SPO/${forceCode}/${year}/${String(sequence).padStart(4, "0")}`;
  }

  caseNumber(courtCode: string, year: number): string {
    const yy = String(year % 100).padStart(2, "0");
    const sequence = this.take(`case:${courtCode}${yy}`);
    return `${courtCode}${yy}${String(sequence).padStart(6, "0")}`;
  }

  pncId(yearOfIssue: number): string {
    const count = this.take(`pnc:${yearOfIssue}`) - 1;
    if (count >= PNC_SERIAL_SPAN) throw new Error(`PNC serials for ${yearOfIssue} exhausted`);
    const offset = fmix32(this.pncSalt ^ yearOfIssue) % PNC_SERIAL_SPAN;
    const serial = PNC_SERIAL_BASE + ((count * PNC_SERIAL_MULTIPLIER + offset) % PNC_SERIAL_SPAN);
    return formatPncId(yearOfIssue, serial);
  }

  private take(key: string): number {
    const next = (this.lastUsed.get(key) ?? 0) + 1;
    this.lastUsed.set(key, next);
    return next;
  }

  private markUsed(key: string, sequence: number): void {
    this.lastUsed.set(key, Math.max(this.lastUsed.get(key) ?? 0, sequence));
  }
}
