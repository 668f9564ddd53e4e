/** Calendar arithmetic on ISO date strings, in UTC so no time zone can shift a day. */
export function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const result = new Date(Date.UTC(year + years, month - 1, day));
  // 29 February plus a non-leap number of years lands on 28 February, not 1 March.
  if (result.getUTCMonth() !== month - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

/** The calendar day `days` after (or, negative, before) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * A person's age in whole years on a day. In England and Wales one attains an age at the start of the
 * anniversary of one's birth (Family Law Reform Act 1969 s.9), so someone born on 29 February is a year
 * older on 1 March of a common year: comparing month and day as text gives exactly that.
 */
export function ageOn(dateOfBirth: string, isoDate: string): number {
  const years = Number(isoDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return isoDate.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD. Checked on every Date the subgraphs serialise, so no Date object is made. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

const londonOffset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" });
const londonParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** An instant as local time in England and Wales with its offset: "2020-08-13T10:00:00+01:00". */
export function toLondonDateTime(instant: Date): string {
  const part = (type: string) => londonParts.formatToParts(instant).find((p) => p.type === type)?.value;
  const offsetName = londonOffset.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = offsetName === "GMT" ? "+00:00" : offsetName.replace("GMT", "");
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}${offset}`;
}

/** The calendar day of an instant in England and Wales. */
export function londonDateOf(instant: Date): string {
  return toLondonDateTime(instant).slice(0, 10);
}
