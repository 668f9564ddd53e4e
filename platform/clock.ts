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

const HOUR_MS = 3_600_000;
let todayCache = { day: "", untilMs: 0 };

/**
 * Europe/London is UTC or UTC+1, so its date changes only on a whole UTC hour:
 * the day is formatted once per hour instead of once per order status.
 */
function londonToday(): string {
  const nowMs = Date.now();
  if (nowMs >= todayCache.untilMs) todayCache = { day: londonDate.format(nowMs), untilMs: (Math.floor(nowMs / HOUR_MS) + 1) * HOUR_MS };
  return todayCache.day;
}

export const systemClock: Clock = {
  today: londonToday,
  now: () => new Date(),
};

/** A clock stopped on one day (tests, "as of" reports). */
export function fixedClock(today: string): Clock {
  return { today: () => today, now: () => new Date(`${today}T12:00:00Z`) };
}
