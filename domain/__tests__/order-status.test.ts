import { deriveOrderStatus, type OrderStatusFacts } from "../order-status";

/** The status rule with every boundary day: which facts win over which, and on which day each takes effect. */
const DAY = "2026-03-01";
const facts = (overrides: Partial<OrderStatusFacts>): OrderStatusFacts => ({
  madeOn: "2025-01-10",
  expiresOn: "2027-01-10",
  untilFurtherOrder: false,
  endedOn: null,
  endReason: null,
  ...overrides,
});

describe("deriveOrderStatus", () => {
  it("is IN_FORCE from the day it is made until the day before it expires", () => {
    expect(deriveOrderStatus(facts({ madeOn: DAY }), DAY)).toBe("IN_FORCE");
    expect(deriveOrderStatus(facts({ expiresOn: "2026-03-02" }), DAY)).toBe("IN_FORCE");
  });

  it("is APPLIED before the order is made, or when it never was", () => {
    expect(deriveOrderStatus(facts({ madeOn: "2026-03-02" }), DAY)).toBe("APPLIED");
    expect(deriveOrderStatus(facts({ madeOn: null, expiresOn: null }), DAY)).toBe("APPLIED");
  });

  it("is EXPIRED on the expiry day itself (the day it ceases to have effect) and after", () => {
    expect(deriveOrderStatus(facts({ expiresOn: DAY }), DAY)).toBe("EXPIRED");
    expect(deriveOrderStatus(facts({ expiresOn: "2026-02-01" }), DAY)).toBe("EXPIRED");
  });

  it("never expires while it has effect until further order, nor without an expiry day", () => {
    expect(deriveOrderStatus(facts({ untilFurtherOrder: true, expiresOn: "2026-02-01" }), DAY)).toBe("IN_FORCE");
    expect(deriveOrderStatus(facts({ expiresOn: null }), DAY)).toBe("IN_FORCE");
  });

  it.each(["DISCHARGED", "SUPERSEDED", "REFUSED", "WITHDRAWN"] as const)("is %s from the day it ended", (endReason) => {
    expect(deriveOrderStatus(facts({ endedOn: DAY, endReason }), DAY)).toBe(endReason);
    expect(deriveOrderStatus(facts({ endedOn: "2026-02-01", endReason }), DAY)).toBe(endReason);
    expect(deriveOrderStatus(facts({ endedOn: "2026-03-02", endReason }), DAY)).toBe("IN_FORCE");
  });

  it("puts an end before expiry, and expiry before being made (status precedence)", () => {
    expect(deriveOrderStatus(facts({ expiresOn: "2026-01-01", endedOn: "2026-02-01", endReason: "DISCHARGED" }), DAY)).toBe("DISCHARGED");
    expect(deriveOrderStatus(facts({ madeOn: null, expiresOn: null, endedOn: "2026-02-01", endReason: "REFUSED" }), DAY)).toBe("REFUSED");
    expect(deriveOrderStatus(facts({ madeOn: "2026-03-02", expiresOn: DAY }), DAY)).toBe("APPLIED");
  });

  it("takes no end without its reason, nor a reason without its day", () => {
    expect(deriveOrderStatus(facts({ endedOn: "2026-02-01", endReason: null }), DAY)).toBe("IN_FORCE");
    expect(deriveOrderStatus(facts({ endedOn: null, endReason: "DISCHARGED" }), DAY)).toBe("IN_FORCE");
  });
});
