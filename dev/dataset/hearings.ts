import { findCourt } from "../../platform/estate";
import { COURTS_BY_HEARING_TYPE } from "../../domain/court-decisions";
import { Day, yearOf } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { londonDateTime } from "./london-time";
import { CourtHearingRow } from "../../subgraphs/dataset-chunk";
import { CourtDecision, HearingType } from "../../domain/vocabulary";

/** Magistrates' courts list SPO business in the morning and early afternoon lists. */
export const HEARING_TIMES: readonly string[] = ["10:00", "11:30", "14:00"];

/**
 * How far ahead of the dataset's last day courts have listed hearings: lists
 * are published six to eight weeks ahead, so a court listing system sees the
 * coming weeks filled in (fuller for the nearer ones) as it would in service.
 */
export const LISTING_HORIZON_DAYS = 56;

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
  // The demo data holds only hearings whose outcome the rule book could record there.
  if (!COURTS_BY_HEARING_TYPE[details.type].includes(court.jurisdiction))
    throw new Error(`a ${details.type} hearing is not heard at ${court.name} (${court.jurisdiction})`);
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
 * Where a court date falls for the dataset: held (on or before its last day),
 * listed (ahead, within the published lists) or unlisted (further ahead).
 */
export type ListingState = "held" | "listed" | "unlisted";

/**
 * Adds the hearing as LISTED (no outcome yet) when it is ahead of the
 * dataset's last day within the published lists, and tells the caller where
 * it falls: only a "held" hearing is the caller's to record with its outcome.
 */
export function listIfAhead(context: ChunkContext, details: Omit<HearingDetails, "status">): ListingState {
  if (details.day <= context.until) return "held";
  if (details.day > context.until + LISTING_HORIZON_DAYS) return "unlisted";
  addHearing(context, { ...details, status: "LISTED", decision: null, outcomeNote: null });
  return "listed";
}
