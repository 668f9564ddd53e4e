import { checkService, type ServedOrder } from "../service";

/** Service of an order: once, on a day it was in force, not in the future. */
const TODAY = "2026-03-01";
const MADE: ServedOrder = {
  kind: "FULL",
  madeOn: "2026-01-10",
  expiresOn: "2028-01-10",
  untilFurtherOrder: false,
  endedOn: null,
  endReason: null,
  servedOn: null,
};
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

describe("recording service of an order", () => {
  it("accepts any day from the day the order was made to today", () => {
    expect(checkService(MADE, "2026-01-10", TODAY)).toEqual({ ok: true });
    expect(checkService(MADE, TODAY, TODAY)).toEqual({ ok: true });
  });

  it("refuses a day still to come, and one that is not a date", () => {
    expect(checkService(MADE, "2026-03-02", TODAY)).toEqual(refused("servedOn", "is in the future (2026-03-02; today is 2026-03-01)"));
    expect(checkService(MADE, "2026-02-30", TODAY)).toEqual(refused("servedOn", "must be a date YYYY-MM-DD; got 2026-02-30"));
  });

  it("records service once", () => {
    expect(checkService({ ...MADE, servedOn: "2026-01-11" }, "2026-01-12", TODAY)).toEqual(
      refused("orderId", "the order was served on 2026-01-11; service is recorded once"),
    );
  });

  it.each([
    ["before it was made", MADE, "2026-01-09", "the full order is APPLIED on 2026-01-09"],
    ["of an application never decided", { ...MADE, madeOn: null }, "2026-02-01", "the full order is APPLIED on 2026-02-01"],
    ["after it expired", { ...MADE, expiresOn: "2026-02-01" }, "2026-02-01", "the full order is EXPIRED on 2026-02-01"],
    [
      "after it was discharged",
      { ...MADE, kind: "INTERIM" as const, endedOn: "2026-02-01", endReason: "DISCHARGED" as const },
      "2026-02-15",
      "the interim order is DISCHARGED on 2026-02-15",
    ],
  ])("refuses service %s", (_case, order, servedOn, describe) => {
    expect(checkService(order, servedOn, TODAY)).toEqual(refused("servedOn", `${describe}: only an order in force is served`));
  });

  it("accepts service of an order until further order long after it was made", () => {
    expect(checkService({ ...MADE, expiresOn: null, untilFurtherOrder: true }, TODAY, TODAY)).toEqual({ ok: true });
  });
});
