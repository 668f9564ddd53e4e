import fc from "fast-check";
import { isIsoDate } from "../dates";

/** What isIsoDate replaced: a round trip through Date, correct and slow. */
const byDateRoundTrip = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("isIsoDate", () => {
  it("agrees with a Date round trip on every year, month and day shape", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isIsoDate(value)).toBe(byDateRoundTrip(value));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("knows leap days and refuses what is not YYYY-MM-DD", () => {
    expect(["2024-02-29", "2000-02-29", "2026-12-31"].map(isIsoDate)).toEqual([true, true, true]);
    expect(["2023-02-29", "1900-02-29", "2026-04-31", "2026-1-01", "2026-01-01T00:00", " 2026-01-01", "20260101"].map(isIsoDate)).toEqual(
      Array(7).fill(false),
    );
  });
});
