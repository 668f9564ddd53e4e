/**
 * "Today" for status derivation. Orders are made and expire on calendar days in
 * England and Wales, so today is the date in Europe/London, not in UTC.
 */
export interface Clock {
  /** ISO calendar date, e.g. "2026-11-22". */
  today(): string;
  now(): Date;
}

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export const systemClock: Clock = {
  today: () => londonDate.format(new Date()),
  now: () => new Date(),
};

/** A clock stopped on one day (tests, "as of" reports). */
export function fixedClock(today: string): Clock {
  return { today: () => today, now: () => new Date(`${today}T12:00:00Z`) };
}
