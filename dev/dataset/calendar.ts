/**
 * Calendar arithmetic on whole days since 1970-01-01. The generator handles
 * tens of millions of dates; plain integers are cheap to compare and add, and
 * using only UTC keeps the output independent of the host's time zone.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromIso(iso: string): Day {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error(`expected an ISO date YYYY-MM-DD, got "${iso}"`);
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
  if (isoFromDay(day) !== iso) throw new Error(`"${iso}" is not a calendar date`);
  return day;
}

/*
 * Formatting and taking dates apart dominate the generator's cost, and the
 * same few thousand days recur millions of times: both are cached per day,
 * in arrays indexed from 1833 onwards.
 */
const CACHE_OFFSET = 50_000;
const CACHE_SIZE = 100_000;
const isoByDay: string[] = [];
const yearByDay = new Uint16Array(CACHE_SIZE);

function cacheIndex(day: Day): number {
  const index = day + CACHE_OFFSET;
  return index >= 0 && index < CACHE_SIZE ? index : -1;
}

export function isoFromDay(day: Day): string {
  const index = cacheIndex(day);
  if (index < 0) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  let iso = isoByDay[index];
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoByDay[index] = iso;
  }
  return iso;
}

export function addDays(day: Day, days: number): Day {
  return day + days;
}

/**
 * The same calendar date `years` later (or earlier when negative). 29 February
 * rolls over to 1 March, so a period of n years is never shorter than n years.
 */
export function addYears(day: Day, years: number): Day {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY;
}

export function yearOf(day: Day): number {
  const index = cacheIndex(day);
  if (index < 0) return new Date(day * MS_PER_DAY).getUTCFullYear();
  let year = yearByDay[index];
  if (year === 0) {
    year = new Date(day * MS_PER_DAY).getUTCFullYear();
    yearByDay[index] = year;
  }
  return year;
}

/** Completed years of age on `day` for someone born on `birthDay`. */
export function ageOn(birthDay: Day, day: Day): number {
  const birth = new Date(birthDay * MS_PER_DAY);
  const on = new Date(day * MS_PER_DAY);
  const hadBirthdayThisYear =
    on.getUTCMonth() > birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() >= birth.getUTCDate());
  return on.getUTCFullYear() - birth.getUTCFullYear() - (hadBirthdayThisYear ? 0 : 1);
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function dayOfWeek(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekday(day: Day): boolean {
  const weekday = dayOfWeek(day);
  return weekday !== 0 && weekday !== 6;
}

/** The day itself when it is Monday to Friday, else the following Monday. */
export function weekdayOnOrAfter(day: Day): Day {
  const weekday = dayOfWeek(day);
  if (weekday === 6) return day + 2;
  if (weekday === 0) return day + 1;
  return day;
}

/** The day itself when it is Monday to Friday, else the preceding Friday. */
export function weekdayOnOrBefore(day: Day): Day {
  const weekday = dayOfWeek(day);
  if (weekday === 6) return day - 1;
  if (weekday === 0) return day - 2;
  return day;
}
