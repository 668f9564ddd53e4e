import fc from "fast-check";
import { dayOfService, notificationStatusOn, type NotificationFacts } from "../notification";

/**
 * The edges of the period of 3 days: on the day it begins and the two after, a duty is DUE; from the fourth day
 * unmet it is OVERDUE; met on any day, it is COMPLIED from that day. Days are counted here by calendar offsets
 * from the London day of an instant, worked out apart from the code (Intl and whole days of milliseconds, not
 * platform/dates, whose addDays the rule itself counts with).
 */
const londonDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const DAY_MS = 24 * 60 * 60 * 1000;
/** The day `days` after an ISO date, counted from its UTC noon (no calendar arithmetic of the code under test). */
const daysAfter = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const instant = fc.date({ min: new Date("2020-01-20T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true });
const served = (servedOn: string, overrides: Partial<NotificationFacts> = {}): NotificationFacts => ({
  replacesInterimOrder: false,
  servedOn,
  sexOffencesActNotification: null,
  initialNotifiedOn: null,
  changes: [],
  ...overrides,
});

describe("the period of 3 days beginning with service", () => {
  it("begins on the London day of the instant of service", () => {
    fc.assert(fc.property(instant, (at) => expect(dayOfService(at)).toBe(londonDay.format(at))));
  });

  it("holds an unmet initial notification DUE for exactly the day of service and the two after, OVERDUE from the fourth", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -3, max: 10 }), (at, offset) => {
        const servedOn = dayOfService(at);
        const status = notificationStatusOn(served(servedOn), daysAfter(servedOn, offset));
        const lastDay = daysAfter(servedOn, 2);
        if (offset < 0) expect(status).toEqual({ status: "AWAITING_SERVICE" });
        else if (offset <= 2) expect(status).toEqual({ status: "DUE", dueBy: lastDay });
        else expect(status).toEqual({ status: "OVERDUE", dueBy: lastDay });
      }),
      { numRuns: 2_000 },
    );
  });

  it("is met from the day of notification, within the period or late", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 10 }), (at, notifiedAfter, askedAfter) => {
        const servedOn = dayOfService(at);
        const status = notificationStatusOn(
          served(servedOn, { initialNotifiedOn: daysAfter(servedOn, notifiedAfter) }),
          daysAfter(servedOn, askedAfter),
        );
        if (askedAfter >= notifiedAfter) expect(status).toEqual({ status: "COMPLIED" });
        else expect(status.status).toBe(askedAfter <= 2 ? "DUE" : "OVERDUE");
      }),
      { numRuns: 2_000 },
    );
  });

  it("runs from a change of home address the same way, whatever day of the order it falls on", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 6 }), (at, changeAfter, askedAfter) => {
        const servedOn = dayOfService(at);
        const changedOn = daysAfter(servedOn, changeAfter);
        const facts = served(servedOn, { initialNotifiedOn: servedOn, changes: [{ kind: "ADDRESS", changedOn, notifiedOn: null }] });
        const status = notificationStatusOn(facts, daysAfter(changedOn, askedAfter));
        expect(status).toEqual({ status: askedAfter <= 2 ? "DUE" : "OVERDUE", dueBy: daysAfter(changedOn, 2) });
      }),
      { numRuns: 1_000 },
    );
  });
});
