import fc from "fast-check";
import { BadUserInputError } from "../../platform/errors/errors";
import { checkStatisticsPeriod } from "../statistics-grouping";

const DAY_MS = 86_400_000;
const isoDay = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: 2_000 }).map(isoDay);

function refusal(from: string, to: string): BadUserInputError | undefined {
  try {
    checkStatisticsPeriod(from, to);
    return undefined;
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
}

describe("statistics periods", () => {
  it("are accepted exactly when whole calendar months: from a 1st, to a month's last day, in order", () => {
    fc.assert(
      fc.property(day, day, (from, to) => {
        const nextDay = isoDay((Date.parse(`${to}T00:00:00Z`) - Date.UTC(2020, 0, 1)) / DAY_MS + 1);
        const wholeMonths = from.endsWith("-01") && nextDay.endsWith("-01") && from <= to;
        expect(refusal(from, to) === undefined).toBe(wholeMonths);
      }),
      { numRuns: 2_000 },
    );
  });

  it("so any two accepted periods differ by whole months: a one-day shift is refused, naming the argument", () => {
    expect(refusal("2026-01-02", "2026-01-31")?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "from" });
    expect(refusal("2026-01-01", "2026-02-01")?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "to" });
    expect(refusal("2026-01-01", "2026-01-15")?.message).toMatch(
      /to \(2026-01-15\) is not the last day of a month; statistics cover whole calendar months/,
    );
    expect(refusal("2025-11-01", "2026-02-28")).toBeUndefined();
    expect(refusal("2024-02-01", "2024-02-29")).toBeUndefined();
    expect(refusal("2023-02-01", "2023-02-28")).toBeUndefined();
    expect(refusal("2026-03-01", "2026-02-28")?.extensions).toMatchObject({ argument: "from" });
  });
});
