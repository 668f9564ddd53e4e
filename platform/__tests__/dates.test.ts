import fc from "fast-check";
import { addDays, ageOn, isIsoDate } from "../dates";

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

describe("addDays", () => {
  it("crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2026-12-31", 2)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-29", 2)).toBe("2026-03-31"); // the clocks go forward on 29 March 2026: days are calendar days
  });
});

describe("ageOn", () => {
  it("is a year more from the birthday itself", () => {
    expect(ageOn("2008-06-15", "2026-06-14")).toBe(17);
    expect(ageOn("2008-06-15", "2026-06-15")).toBe(18);
  });

  it("makes someone born on 29 February a year older on 1 March of a common year", () => {
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
  });
});
