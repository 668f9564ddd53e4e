/** Whole calendar months, as "YYYY-MM". */
export type Month = string;

export type Preset = "last-12-months" | "calendar-year" | "financial-year" | "custom";

const pad = (n: number) => String(n).padStart(2, "0");
export const monthOf = (year: number, month: number): Month => {
  const index = year * 12 + (month - 1);
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};
const parts = (month: Month) => month.split("-").map(Number) as [number, number];
export const isMonth = (text: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** The months from `from` to `to`, both included; empty if `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  const months: Month[] = [];
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index += 1) months.push(monthOf(Math.floor(index / 12), (index % 12) + 1));
  return months;
}

/** First and last day of a month, as the API takes them (Date). */
export function firstDay(month: Month): string {
  return `${month}-01`;
}
export function lastDay(month: Month): string {
  const [year, m] = parts(month);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${pad(days)}`;
}

/**
 * A preset's months: the last 12 whole months before `today`'s month, a
 * calendar year (January to December), or a financial year (April to March,
 * named by the year it starts in).
 */
export function presetMonths(preset: Exclude<Preset, "custom">, year: number, today: Date): { from: Month; to: Month } {
  switch (preset) {
    case "last-12-months": {
      const to = monthOf(today.getFullYear(), today.getMonth()); // the month before today's
      const [ty, tm] = parts(to);
      return { from: monthOf(ty, tm - 11), to };
    }
    case "calendar-year":
      return { from: monthOf(year, 1), to: monthOf(year, 12) };
    case "financial-year":
      return { from: monthOf(year, 4), to: monthOf(year + 1, 3) };
  }
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export function monthLabel(month: Month): string {
  const [year, m] = parts(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}
