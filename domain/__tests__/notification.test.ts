import {
  checkNotification,
  dayOfService,
  lastDayToNotify,
  notificationDuties,
  notificationStatusOn,
  type NotificationFacts,
} from "../notification";

/**
 * The notification requirements (s.9, s.10), day by day: the period of 3 days beginning with service or a change,
 * the full order that replaces an interim one, the Sexual Offences Act 2003 Part 2 exemption and its final day.
 */
const SERVED = "2026-03-02";
const facts = (overrides: Partial<NotificationFacts> = {}): NotificationFacts => ({
  replacesInterimOrder: false,
  servedOn: SERVED,
  sexOffencesActNotification: null,
  initialNotifiedOn: null,
  changes: [],
  ...overrides,
});
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

describe("the period of 3 days beginning with a day", () => {
  it("is that day and the two after it, across a month's end", () => {
    expect(lastDayToNotify("2026-03-02")).toBe("2026-03-04");
    expect(lastDayToNotify("2026-02-27")).toBe("2026-03-01");
  });

  it("begins with the day of service in England and Wales, not in UTC", () => {
    expect(dayOfService(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01"); // 00:30 BST
    expect(dayOfService(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31"); // 23:30 GMT
  });
});

describe("the initial notification (s.9(1), (2))", () => {
  it("is awaited until service, due for three days from it, overdue after", () => {
    expect(notificationStatusOn(facts({ servedOn: null }), "2026-03-01")).toEqual({ status: "AWAITING_SERVICE" });
    expect(notificationStatusOn(facts(), "2026-03-01")).toEqual({ status: "AWAITING_SERVICE" });
    expect(notificationStatusOn(facts(), "2026-03-02")).toEqual({ status: "DUE", dueBy: "2026-03-04" });
    expect(notificationStatusOn(facts(), "2026-03-04")).toEqual({ status: "DUE", dueBy: "2026-03-04" });
    expect(notificationStatusOn(facts(), "2026-03-05")).toEqual({ status: "OVERDUE", dueBy: "2026-03-04" });
  });

  it("is complied with from the day it is given, even late", () => {
    expect(notificationStatusOn(facts({ initialNotifiedOn: "2026-03-03" }), "2026-03-02")).toEqual({ status: "DUE", dueBy: "2026-03-04" });
    expect(notificationStatusOn(facts({ initialNotifiedOn: "2026-03-03" }), "2026-03-03")).toEqual({ status: "COMPLIED" });
    expect(notificationStatusOn(facts({ initialNotifiedOn: "2026-03-09" }), "2026-03-08")).toEqual({
      status: "OVERDUE",
      dueBy: "2026-03-04",
    });
    expect(notificationStatusOn(facts({ initialNotifiedOn: "2026-03-09" }), "2026-03-09")).toEqual({ status: "COMPLIED" });
  });

  it("is not required of a full order that replaces an interim order, served or not", () => {
    expect(notificationStatusOn(facts({ replacesInterimOrder: true }), "2026-03-10")).toEqual({ status: "NOT_REQUIRED" });
    expect(notificationStatusOn(facts({ replacesInterimOrder: true, servedOn: null }), "2026-03-10")).toEqual({ status: "NOT_REQUIRED" });
    expect(notificationDuties(facts({ replacesInterimOrder: true }))).toEqual([]);
  });
});

describe("a new name or home address (s.9(3), (4))", () => {
  it("starts a duty of its own, by the last of the 3 days beginning with the change", () => {
    const moved = facts({ initialNotifiedOn: SERVED, changes: [{ kind: "ADDRESS", changedOn: "2026-04-10", notifiedOn: null }] });
    expect(notificationStatusOn(moved, "2026-04-09")).toEqual({ status: "COMPLIED" });
    expect(notificationStatusOn(moved, "2026-04-12")).toEqual({ status: "DUE", dueBy: "2026-04-12" });
    expect(notificationStatusOn(moved, "2026-04-13")).toEqual({ status: "OVERDUE", dueBy: "2026-04-12" });
  });

  it("binds the person subject to a full order that replaced an interim one", () => {
    const renamed = facts({ replacesInterimOrder: true, changes: [{ kind: "NAME", changedOn: "2026-04-10", notifiedOn: "2026-04-11" }] });
    expect(notificationStatusOn(renamed, "2026-04-10")).toEqual({ status: "DUE", dueBy: "2026-04-12" });
    expect(notificationStatusOn(renamed, "2026-04-11")).toEqual({ status: "COMPLIED" });
  });

  it("is none for a change before service (the initial notification gives it), and counts from the day of service itself", () => {
    const changes = [
      { kind: "ADDRESS" as const, changedOn: "2026-03-01", notifiedOn: null },
      { kind: "NAME" as const, changedOn: SERVED, notifiedOn: null },
    ];
    expect(notificationDuties(facts({ changes })).map((duty) => [duty.kind, duty.startsOn])).toEqual([
      ["INITIAL", SERVED],
      ["NAME", SERVED],
    ]);
  });

  it("is reported by the earliest open last day, overdue before due", () => {
    /** Notified on service, then a change of name and one of address, neither notified yet. */
    const unnotifiedChanges = (nameChangedOn: string, addressChangedOn: string) =>
      facts({
        initialNotifiedOn: SERVED,
        changes: [
          { kind: "NAME", changedOn: nameChangedOn, notifiedOn: null },
          { kind: "ADDRESS", changedOn: addressChangedOn, notifiedOn: null },
        ],
      });
    const both = unnotifiedChanges("2026-04-20", "2026-04-10");
    expect(notificationStatusOn(both, "2026-04-21")).toEqual({ status: "OVERDUE", dueBy: "2026-04-12" });
    expect(notificationDuties(both).map((duty) => duty.kind)).toEqual(["INITIAL", "ADDRESS", "NAME"]);
    const twoOpen = unnotifiedChanges("2026-04-11", "2026-04-10");
    expect(notificationStatusOn(twoOpen, "2026-04-11")).toEqual({ status: "DUE", dueBy: "2026-04-12" });
  });
});

describe("a person subject to the Sexual Offences Act 2003 Part 2 requirements (s.9(5)-(7))", () => {
  const exempt = { from: "2019-05-01", finalDay: null };

  it("is exempt while subject to them, and owes nothing for changes then", () => {
    const subject = facts({
      sexOffencesActNotification: exempt,
      changes: [{ kind: "ADDRESS", changedOn: "2026-04-10", notifiedOn: null }],
    });
    expect(notificationStatusOn(subject, "2026-04-20")).toEqual({ status: "EXEMPT" });
    expect(notificationDuties(subject)).toEqual([]);
  });

  it("owes the initial notification from the final day, as if served on it (s.9(7))", () => {
    const ceases = facts({ sexOffencesActNotification: { from: "2019-05-01", finalDay: "2026-06-01" } });
    expect(notificationStatusOn(ceases, "2026-05-31")).toEqual({ status: "EXEMPT" });
    expect(notificationStatusOn(ceases, "2026-06-01")).toEqual({ status: "DUE", dueBy: "2026-06-03" });
    expect(notificationStatusOn(ceases, "2026-06-04")).toEqual({ status: "OVERDUE", dueBy: "2026-06-03" });
  });

  it("is exempt from the day they become subject after service", () => {
    const later = facts({ initialNotifiedOn: SERVED, sexOffencesActNotification: { from: "2026-05-01", finalDay: null } });
    expect(notificationStatusOn(later, "2026-04-30")).toEqual({ status: "COMPLIED" });
    expect(notificationStatusOn(later, "2026-05-01")).toEqual({ status: "EXEMPT" });
  });
});

describe("checkNotification", () => {
  it("accepts the initial notification from the day of service, once", () => {
    expect(checkNotification(facts(), { kind: "INITIAL", notifiedOn: SERVED })).toEqual({ ok: true });
    expect(checkNotification(facts({ initialNotifiedOn: SERVED }), { kind: "INITIAL", notifiedOn: "2026-03-03" })).toEqual(
      refused("kind", "the initial notification was given on 2026-03-02"),
    );
  });

  it("refuses a notification on a day still to come, and accepts one made today", () => {
    expect(checkNotification(facts(), { kind: "INITIAL", notifiedOn: "2026-03-04" }, "2026-03-03")).toEqual(
      refused("notifiedOn", "is in the future (2026-03-04; today is 2026-03-03)"),
    );
    expect(checkNotification(facts(), { kind: "INITIAL", notifiedOn: "2026-03-03" }, "2026-03-03")).toEqual({ ok: true });
  });

  it("refuses a notification before service, or of an order not served", () => {
    expect(checkNotification(facts(), { kind: "INITIAL", notifiedOn: "2026-03-01" })).toEqual(
      refused("notifiedOn", "is before the order was served (2026-03-02); got 2026-03-01"),
    );
    expect(checkNotification(facts({ servedOn: null }), { kind: "INITIAL", notifiedOn: "2026-03-01" })).toEqual(
      refused("notifiedOn", "the order has not been served: its notification requirements begin with service (s.9(1))"),
    );
    expect(checkNotification(facts(), { kind: "NAME", changedOn: "2026-03-05", notifiedOn: "2026-03-01" })).toMatchObject({
      argument: "notifiedOn",
    });
  });

  it("refuses an initial notification of a full order replacing an interim one, and any while exempt", () => {
    expect(checkNotification(facts({ replacesInterimOrder: true }), { kind: "INITIAL", notifiedOn: SERVED })).toEqual(
      refused("kind", "a full order that replaces an interim order starts no initial notification (s.9(1)(a)); the interim order's stands"),
    );
    expect(
      checkNotification(facts({ sexOffencesActNotification: { from: "2019-05-01", finalDay: "2026-06-01" } }), {
        kind: "INITIAL",
        notifiedOn: "2026-05-31",
      }),
    ).toEqual(
      refused(
        "kind",
        "on 2026-05-31 the person is subject to the notification requirements of the Sexual Offences Act 2003 Part 2, so s.9 does not apply (s.9(5))",
      ),
    );
    expect(
      checkNotification(facts({ sexOffencesActNotification: { from: "2019-05-01", finalDay: "2026-06-01" } }), {
        kind: "INITIAL",
        notifiedOn: "2026-06-01",
      }),
    ).toEqual({
      ok: true,
    });
  });

  it("refuses a name's change day after the day notified, and allows a new address notified before the move (s.10(3)(b))", () => {
    expect(checkNotification(facts(), { kind: "NAME", changedOn: "2026-04-11", notifiedOn: "2026-04-10" })).toEqual(
      refused(
        "changedOn",
        "a name is notified once it is used (s.9(3)): the day it was first used (2026-04-11) is after the day notified (2026-04-10)",
      ),
    );
    expect(checkNotification(facts(), { kind: "NAME", changedOn: "2026-04-10", notifiedOn: "2026-04-10" })).toEqual({ ok: true });
    expect(checkNotification(facts(), { kind: "ADDRESS", changedOn: "2026-04-11", notifiedOn: "2026-04-10" })).toEqual({ ok: true });
    const advance = facts({ initialNotifiedOn: SERVED, changes: [{ kind: "ADDRESS", changedOn: "2026-04-11", notifiedOn: "2026-04-10" }] });
    expect(notificationStatusOn(advance, "2026-04-11")).toEqual({ status: "COMPLIED" });
  });

  it("refuses a change before service, and days that are not dates", () => {
    expect(checkNotification(facts(), { kind: "ADDRESS", changedOn: "2026-03-01", notifiedOn: "2026-03-03" })).toEqual(
      refused("changedOn", "is before the order was served (2026-03-02): what changed before service is given in the initial notification"),
    );
    expect(checkNotification(facts(), { kind: "ADDRESS", changedOn: "2026-02-30", notifiedOn: "2026-03-03" })).toEqual(
      refused("changedOn", "must be a date YYYY-MM-DD; got 2026-02-30"),
    );
    expect(checkNotification(facts(), { kind: "INITIAL", notifiedOn: "03/03/2026" })).toEqual(
      refused("notifiedOn", "must be a date YYYY-MM-DD; got 03/03/2026"),
    );
  });
});
