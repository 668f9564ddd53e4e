import { Day, dayFromIso, dayOfWeek, isoFromDay, yearOf } from "./calendar";

/**
 * Court hearings are listed in local time, Europe/London. British Summer Time
 * (UTC+01:00) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October. Computed here rather than with Intl so the
 * generator stays fast and does not depend on the host's ICU data.
 */
function lastSundayOf(year: number, month: number): Day {
  const lastDayOfMonth = Date.UTC(year, month, 0) / 86_400_000;
  return lastDayOfMonth - dayOfWeek(lastDayOfMonth);
}

const summerTimeByYear = new Map<number, { starts: Day; ends: Day }>();

function summerTime(year: number): { starts: Day; ends: Day } {
  let period = summerTimeByYear.get(year);
  if (!period) {
    period = { starts: lastSundayOf(year, 3), ends: lastSundayOf(year, 10) };
    summerTimeByYear.set(year, period);
  }
  return period;
}

/**
 * The UTC offset in force in London at a wall-clock time from 02:00 onwards on
 * `day` (court hours). On the changeover Sundays the change has happened by 02:00.
 */
export function londonUtcOffset(day: Day): "+00:00" | "+01:00" {
  const { starts, ends } = summerTime(yearOf(day));
  return day >= starts && day < ends ? "+01:00" : "+00:00";
}

/** "2020-08-13", "10:00" -> "2020-08-13T10:00:00+01:00". */
export function londonDateTime(day: Day | string, time: string): string {
  const calendarDay = typeof day === "string" ? dayFromIso(day) : day;
  return `${isoFromDay(calendarDay)}T${time}:00${londonUtcOffset(calendarDay)}`;
}
