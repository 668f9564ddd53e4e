import { isIsoDate } from "../../../platform/dates";
import { BadUserInputError } from "../../../platform/errors/errors";

/** Orders are listed newest first: by the day made (or applied, for applications), then id. */
export interface OrderCursor {
  sortDate: string;
  id: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.sortDate, cursor.id])).toString("base64url");
}

export function decodeOrderCursor(after: string): OrderCursor {
  try {
    const [sortDate, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as unknown[];
    // The day goes into SQL as a date: one no calendar has (a forged "2020-02-30") must stop here.
    if (typeof sortDate === "string" && isIsoDate(sortDate) && typeof id === "string") return { sortDate, id };
  } catch {
    // fall through to the error below: a cursor is opaque, so any malformed one gets the same answer
  }
  throw new BadUserInputError("after", "not a cursor returned by this API");
}

export function validatePageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0) throw new BadUserInputError("first", "must be zero or a positive whole number");
  if (first > MAX_PAGE_SIZE) throw new BadUserInputError("first", `at most ${MAX_PAGE_SIZE} orders per page; got ${first}`);
  return first;
}
