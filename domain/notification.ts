import { addDays, isIsoDate, londonDateOf } from "../platform/dates";
import { refuse, type Refusal } from "./refusal";

/**
 * The notification requirements of Stalking Protection Act 2019 s.9 (given at a police station, s.10): what duties
 * the service of an order starts, and whether they are met on a day. Days are calendar days in England and Wales,
 * as everywhere in the domain (domain/order-status.ts); an instant of service becomes its London day by
 * dayOfService.
 */

/** "Within the period of 3 days beginning with" the day: that day and the two after it. */
export const NOTIFICATION_PERIOD_DAYS = 3;

/** The last day of the period of 3 days beginning with `day`. */
export function lastDayToNotify(day: string): string {
  return addDays(day, NOTIFICATION_PERIOD_DAYS - 1);
}

/** The day an order was served on, in England and Wales, from the instant it was. */
export function dayOfService(servedAt: Date): string {
  return londonDateOf(servedAt);
}

export type ChangeKind = "NAME" | "ADDRESS";

export interface NotifiedChange {
  /** NAME: a name not notified before is used (s.9(3)); ADDRESS: the home address changes (s.9(4)). */
  kind: ChangeKind;
  changedOn: string;
  notifiedOn: string | null;
}

export interface NotificationFacts {
  /** A full order that replaces an interim order starts no initial notification (s.9(1)(a)): the interim's did. */
  replacesInterimOrder: boolean;
  servedOn: string | null;
  /**
   * While the person is subject to the notification requirements of the Sexual Offences Act 2003 Part 2, s.9 does
   * not apply (s.9(5)). finalDay is the day they cease to be (s.9(6)), null while they still are.
   */
  sexOffencesActNotification: { from: string; finalDay: string | null } | null;
  initialNotifiedOn: string | null;
  changes: readonly NotifiedChange[];
}

export type DutyKind = "INITIAL" | ChangeKind;

export interface NotificationDuty {
  kind: DutyKind;
  /** The day the period of 3 days begins with: service (or the s.9(6) final day), or the change. */
  startsOn: string;
  lastDay: string;
  notifiedOn: string | null;
}

function exemptOn(facts: NotificationFacts, day: string): boolean {
  const exemption = facts.sexOffencesActNotification;
  return exemption !== null && exemption.from <= day && (exemption.finalDay === null || day < exemption.finalDay);
}

/**
 * The day the initial duty begins with: the day of service, or, for a person subject to the Sexual Offences Act
 * requirements when served, the final day they cease to be (s.9(7)); null when no initial duty has begun.
 */
function initialDutyStartsOn(facts: NotificationFacts): string | null {
  if (facts.replacesInterimOrder || facts.servedOn === null) return null;
  if (!exemptOn(facts, facts.servedOn)) return facts.servedOn;
  return facts.sexOffencesActNotification!.finalDay;
}

/** Every duty the order's service and the person's changes have started, in the order they began. */
export function notificationDuties(facts: NotificationFacts): NotificationDuty[] {
  const duties: NotificationDuty[] = [];
  const initial = initialDutyStartsOn(facts);
  if (initial !== null)
    duties.push({ kind: "INITIAL", startsOn: initial, lastDay: lastDayToNotify(initial), notifiedOn: facts.initialNotifiedOn });
  const servedOn = facts.servedOn;
  if (servedOn === null) return duties;
  for (const change of facts.changes) {
    // A change before service is in the initial notification; none is owed while s.9 does not apply.
    if (change.changedOn < servedOn || exemptOn(facts, change.changedOn)) continue;
    duties.push({
      kind: change.kind,
      startsOn: change.changedOn,
      lastDay: lastDayToNotify(change.changedOn),
      notifiedOn: change.notifiedOn,
    });
  }
  return duties.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

export type NotificationStatus =
  { status: "NOT_REQUIRED" | "EXEMPT" | "AWAITING_SERVICE" | "COMPLIED" } | { status: "DUE" | "OVERDUE"; dueBy: string };

/**
 * Where the person stands on a day: EXEMPT while s.9 does not apply; AWAITING_SERVICE before an order that starts
 * an initial notification is served; OVERDUE when a duty's last day has passed unmet (the earliest such day), else
 * DUE while one is open (by the earliest last day); COMPLIED when every duty begun has been met, late or not;
 * NOT_REQUIRED when none has begun.
 */
export function notificationStatusOn(facts: NotificationFacts, day: string): NotificationStatus {
  if (exemptOn(facts, day)) return { status: "EXEMPT" };
  if (!facts.replacesInterimOrder && (facts.servedOn === null || facts.servedOn > day)) return { status: "AWAITING_SERVICE" };
  const begun = notificationDuties(facts).filter((duty) => duty.startsOn <= day);
  const open = begun.filter((duty) => duty.notifiedOn === null || duty.notifiedOn > day);
  const overdue = open.filter((duty) => duty.lastDay < day);
  if (overdue.length > 0) return { status: "OVERDUE", dueBy: earliest(overdue) };
  if (open.length > 0) return { status: "DUE", dueBy: earliest(open) };
  return { status: begun.length > 0 ? "COMPLIED" : "NOT_REQUIRED" };
}

const earliest = (duties: NotificationDuty[]) => duties.map((duty) => duty.lastDay).sort()[0];

export type Notification = { kind: "INITIAL"; notifiedOn: string } | { kind: ChangeKind; changedOn: string; notifiedOn: string };
export type NotificationArgument = "kind" | "notifiedOn" | "changedOn";

/**
 * Checks a notification before it is recorded: not in the future, not before service, not while s.9 does not apply, the initial one
 * once; a name notified on or after the day it is first used. A new home address may be notified before the move
 * (s.10(3)(b): at the station of the old address), so its change day may follow the day notified.
 */
export function checkNotification(
  facts: NotificationFacts,
  notification: Notification,
  /** The day it is recorded on: nothing is notified on a day still to come. */
  today?: string,
): { ok: true } | Refusal<NotificationArgument> {
  const { notifiedOn } = notification;
  if (!isIsoDate(notifiedOn)) return refuse("notifiedOn", `must be a date YYYY-MM-DD; got ${notifiedOn}`);
  if (today !== undefined && notifiedOn > today) return refuse("notifiedOn", `is in the future (${notifiedOn}; today is ${today})`);
  if (facts.servedOn === null)
    return refuse("notifiedOn", "the order has not been served: its notification requirements begin with service (s.9(1))");
  if (notifiedOn < facts.servedOn) return refuse("notifiedOn", `is before the order was served (${facts.servedOn}); got ${notifiedOn}`);
  if (exemptOn(facts, notifiedOn)) {
    return refuse(
      "kind",
      `on ${notifiedOn} the person is subject to the notification requirements of the Sexual Offences Act 2003 Part 2, so s.9 does not apply (s.9(5))`,
    );
  }
  if (notification.kind === "INITIAL") {
    if (facts.replacesInterimOrder)
      return refuse(
        "kind",
        "a full order that replaces an interim order starts no initial notification (s.9(1)(a)); the interim order's stands",
      );
    if (facts.initialNotifiedOn !== null) return refuse("kind", `the initial notification was given on ${facts.initialNotifiedOn}`);
    return { ok: true };
  }
  const { changedOn } = notification;
  if (!isIsoDate(changedOn)) return refuse("changedOn", `must be a date YYYY-MM-DD; got ${changedOn}`);
  if (changedOn < facts.servedOn) {
    return refuse(
      "changedOn",
      `is before the order was served (${facts.servedOn}): what changed before service is given in the initial notification`,
    );
  }
  if (notification.kind === "NAME" && changedOn > notifiedOn) {
    return refuse(
      "changedOn",
      `a name is notified once it is used (s.9(3)): the day it was first used (${changedOn}) is after the day notified (${notifiedOn})`,
    );
  }
  return { ok: true };
}
