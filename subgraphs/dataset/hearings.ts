import { findCourt } from "../kit/reference";
import { Day, yearOf } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { londonDateTime } from "./london-time";
import { CourtHearingRow } from "./rows";
import { CourtDecision, HearingType } from "./vocabulary";

/** Magistrates' courts list SPO business in the morning and early afternoon lists. */
export const HEARING_TIMES: readonly string[] = ["10:00", "11:30", "14:00"];

/** Hearings listed further ahead than this after the dataset's last day are left out. */
export const LISTING_HORIZON_DAYS = 30;

export interface HearingDetails {
  type: HearingType;
  status: CourtHearingRow["status"];
  day: Day;
  courtCode: string;
  orderId: string | null;
  respondentId: string | null;
  breachId?: string | null;
  decision?: CourtDecision | null;
  outcomeNote?: string | null;
  /** A fixed list time, for hearings that must follow another on the same day. */
  time?: string;
}

export function addHearing(context: ChunkContext, details: HearingDetails): void {
  const court = findCourt(details.courtCode);
  if (!court) throw new Error(`unknown court ${details.courtCode}`);
  const { rng, sequences, ids } = context;
  context.chunk.hearings.hearings.push({
    id: ids.next(),
    caseNumber: sequences.caseNumber(court.code, yearOf(details.day)),
    courtCode: court.code,
    forceCode: court.forceCode,
    type: details.type,
    status: details.status,
    listedFor: londonDateTime(details.day, details.time ?? rng.pick(HEARING_TIMES)),
    courtroom: `Courtroom ${rng.int(1, 6)}`,
    orderId: details.orderId,
    respondentId: details.respondentId,
    breachId: details.breachId ?? null,
    decision: details.decision ?? null,
    outcomeNote: details.outcomeNote ?? null,
  });
}

/**
 * Whether a hearing is still ahead of the dataset's last day. A hearing ahead
 * is not recorded as held; when near it is already on the court list (LISTED).
 */
export function listIfAhead(context: ChunkContext, details: Omit<HearingDetails, "status">): boolean {
  if (details.day <= context.until) return false;
  if (details.day <= context.until + LISTING_HORIZON_DAYS) {
    addHearing(context, { ...details, status: "LISTED", decision: null, outcomeNote: null });
  }
  return true;
}
