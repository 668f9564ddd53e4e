import { courtsOfForce } from "../../platform/estate";
import { Day, isoFromDay, weekdayOnOrAfter, weekdayOnOrBefore } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { addHearing, HearingDetails, listIfAhead } from "./hearings";
import { OrderDraft } from "./order-draft";
import { DATASET_FORCES } from "./places";
import { WeightedChoice } from "./prng";
import { BreachOffenceRow } from "../../subgraphs/dataset-chunk";
import { CourtDecision, HearingType } from "../../domain/vocabulary";

type BreachStatus = BreachOffenceRow["status"];
type OffenceType = BreachOffenceRow["offenceType"];

/** CJS offence code for s.8 Stalking Protection Act 2019, breach of an order. */
const BREACH_OFFENCE_CODE = "ST19001";
const REPORTED_BY_OTHER_FORCE_SHARE = 0.1;
const GUILTY_PLEA_SHARE = 0.65;
/** Days from a not-guilty plea to the trial in a magistrates' court: four to ten weeks. */
const MAGISTRATES_TRIAL_WAIT_DAYS = { min: 28, max: 70 };

const OFFENCE_TYPES = new WeightedChoice<OffenceType>([
  ["BREACH_OF_ORDER", 0.85],
  ["NOTIFICATION_FAILURE", 0.1],
  ["FALSE_NOTIFICATION", 0.05],
]);

const DESCRIPTIONS: Record<OffenceType, readonly string[]> = {
  BREACH_OF_ORDER: [
    "Sent the protected person repeated text messages.",
    "Contacted the protected person on social media.",
    "Attended the protected person's home address.",
    "Approached the protected person in the street.",
    "Contacted the protected person through a friend.",
    "Sent a letter to the protected person's workplace.",
  ],
  NOTIFICATION_FAILURE: ["Failed to notify a change of home address within 3 days.", "Failed to notify a new name used within 3 days."],
  FALSE_NOTIFICATION: ["Gave a false home address when notifying the police.", "Gave a false name when notifying the police."],
};

/*
 * Sentences within the maxima: on summary conviction imprisonment within the
 * magistrates' limit (kept to 26 weeks, valid under every limit since 2020)
 * and/or a fine; on committal to the Crown Court up to 5 years.
 */
const SENTENCES: Record<OffenceType, readonly string[]> = {
  BREACH_OF_ORDER: [
    "Fine £300",
    "Fine £500",
    "Fine £1,000",
    "Community order with 100 hours' unpaid work",
    "Community order with a 20-day rehabilitation activity requirement",
    "12 weeks' imprisonment suspended for 12 months",
    "16 weeks' imprisonment suspended for 18 months",
    "26 weeks' imprisonment suspended for 24 months",
    "18 weeks' imprisonment",
    "26 weeks' imprisonment",
    "Committed to the Crown Court for sentence: 2 years' imprisonment",
    "Committed to the Crown Court for sentence: 3 years' imprisonment",
  ],
  NOTIFICATION_FAILURE: [
    "Conditional discharge for 12 months",
    "Fine £200",
    "Fine £400",
    "Community order with 60 hours' unpaid work",
    "8 weeks' imprisonment suspended for 12 months",
  ],
  FALSE_NOTIFICATION: ["Fine £400", "Community order with 80 hours' unpaid work", "12 weeks' imprisonment suspended for 12 months"],
};

/** How far a report has got depends on its age: recent ones are still being investigated, old ones decided. */
const STATUS_BY_AGE: readonly { under: number; statuses: WeightedChoice<BreachStatus> }[] = [
  {
    under: 30,
    statuses: new WeightedChoice<BreachStatus>([
      ["REPORTED", 0.5],
      ["UNDER_INVESTIGATION", 0.5],
    ]),
  },
  {
    under: 120,
    statuses: new WeightedChoice<BreachStatus>([
      ["UNDER_INVESTIGATION", 0.35],
      ["CHARGED", 0.35],
      ["NO_FURTHER_ACTION", 0.1],
      ["CONVICTED", 0.2],
    ]),
  },
  {
    under: 365,
    statuses: new WeightedChoice<BreachStatus>([
      ["CHARGED", 0.15],
      ["NO_FURTHER_ACTION", 0.2],
      ["CONVICTED", 0.55],
      ["ACQUITTED", 0.1],
    ]),
  },
  {
    under: Infinity,
    statuses: new WeightedChoice<BreachStatus>([
      ["NO_FURTHER_ACTION", 0.25],
      ["CONVICTED", 0.65],
      ["ACQUITTED", 0.1],
    ]),
  },
];

/**
 * Breaches of an order, at the configured rate per made order, each committed
 * while the order was in force (from service until it ended or expired).
 */
export function addBreaches(context: ChunkContext, order: OrderDraft): void {
  const { rng, until } = context;
  if (order.servedOn === null) return;
  const inForceFrom = order.servedOn;
  const inForceUntilExclusive = Math.min(order.endedOn ?? Infinity, order.expiry.expiresOn ?? Infinity, until + 1);
  if (inForceUntilExclusive <= inForceFrom) return;
  const count = rng.count(context.breachRate);
  for (let i = 0; i < count; i++) {
    const occurredOn = inForceFrom + Math.floor(rng.next() * (inForceUntilExclusive - inForceFrom));
    writeBreach(context, order, occurredOn);
  }
}

function writeBreach(context: ChunkContext, order: OrderDraft, occurredOn: Day): void {
  const { rng, ids, until, chunk } = context;
  const reportedOn = Math.min(occurredOn + rng.int(0, 10), until);
  const offenceType = OFFENCE_TYPES.pick(rng);
  const orderForceCode = order.row.applicantForceCode;
  const reportingForceCode = rng.chance(REPORTED_BY_OTHER_FORCE_SHARE) ? rng.pick(DATASET_FORCES).code : orderForceCode;
  const courtCode =
    reportingForceCode === orderForceCode && order.row.courtCode ? order.row.courtCode : rng.pick(courtsOfForce(reportingForceCode)).code;
  const status = chooseStatus(context, until - reportedOn);
  const breach: BreachOffenceRow = {
    id: ids.next(),
    offenceType,
    offenceCode: offenceType === "BREACH_OF_ORDER" ? BREACH_OFFENCE_CODE : null,
    orderId: order.id,
    orderForceCode,
    offenderId: order.row.respondentId,
    reportingForceCode,
    occurredOn: isoFromDay(occurredOn),
    reportedOn: isoFromDay(reportedOn),
    description: rng.pick(DESCRIPTIONS[offenceType]),
    status,
    decidedOn: null,
    sentence: null,
  };
  chunk.breaches.breaches.push(breach);
  prosecute(context, breach, reportedOn, { courtCode, orderId: order.id, respondentId: order.row.respondentId, breachId: breach.id });
}

function chooseStatus(context: ChunkContext, ageInDays: number): BreachStatus {
  const bucket = STATUS_BY_AGE.find((candidate) => ageInDays < candidate.under)!;
  return bucket.statuses.pick(context.rng);
}

type BreachHearingParties = Pick<HearingDetails, "courtCode" | "orderId" | "respondentId" | "breachId">;

/** The court hearings of a charged breach, and the decision and sentence on the breach when decided. */
function prosecute(context: ChunkContext, breach: BreachOffenceRow, reportedOn: Day, parties: BreachHearingParties): void {
  const { rng, until } = context;
  if (breach.status === "CHARGED") {
    // Charged some time after the report (CHARGED is only chosen for reports at least 30 days old),
    // then summoned to a first appearance within weeks: recent charges are still on the lists ahead.
    const chargedOn = reportedOn + rng.int(14, until - reportedOn);
    const firstAppearanceOn = weekdayOnOrAfter(chargedOn + rng.int(7, 28));
    const details = { ...parties, type: HearingType.BREACH_FIRST_APPEARANCE, day: firstAppearanceOn };
    if (listIfAhead(context, details) !== "held") return;
    addHearing(context, { ...details, status: "HEARD", outcomeNote: "Pleaded not guilty; trial date fixed." });
    // A trial date still ahead is on the list; one already passed was adjourned and awaits a new date.
    const trialOn = weekdayOnOrAfter(firstAppearanceOn + rng.int(MAGISTRATES_TRIAL_WAIT_DAYS.min, MAGISTRATES_TRIAL_WAIT_DAYS.max));
    if (trialOn > until) listIfAhead(context, { ...parties, type: HearingType.BREACH_TRIAL, day: trialOn, time: "10:00" });
    return;
  }
  if (breach.status !== "CONVICTED" && breach.status !== "ACQUITTED") return;

  // Statuses CONVICTED and ACQUITTED are only chosen for reports at least 30 days old.
  const ageInDays = until - reportedOn;
  const decidedOn = weekdayOnOrBefore(Math.min(reportedOn + rng.int(28, Math.min(ageInDays, 300)), until));
  const convicted = breach.status === "CONVICTED";
  breach.decidedOn = isoFromDay(decidedOn);
  if (convicted && rng.chance(GUILTY_PLEA_SHARE)) {
    addHearing(context, {
      ...parties,
      type: HearingType.BREACH_FIRST_APPEARANCE,
      status: "HEARD",
      day: decidedOn,
      time: "10:00",
      decision: CourtDecision.CONVICTED,
      outcomeNote: "Pleaded guilty.",
    });
  } else {
    addHearing(context, {
      ...parties,
      type: HearingType.BREACH_FIRST_APPEARANCE,
      status: "HEARD",
      day: weekdayOnOrAfter(reportedOn + rng.int(7, 14)),
      outcomeNote: "Pleaded not guilty; trial date fixed.",
    });
    addHearing(context, {
      ...parties,
      type: HearingType.BREACH_TRIAL,
      status: "HEARD",
      day: decidedOn,
      time: "10:00",
      decision: convicted ? CourtDecision.CONVICTED : CourtDecision.ACQUITTED,
      outcomeNote: convicted ? "Found guilty after trial." : "Found not guilty after trial.",
    });
  }
  if (!convicted) return;
  breach.sentence = rng.pick(SENTENCES[breach.offenceType]);
  // Sentence after reports a few weeks later, or the same afternoon when that would be after the dataset's last day.
  const adjournedSentenceOn = weekdayOnOrAfter(decidedOn + rng.int(21, 35));
  const sentencedOn = adjournedSentenceOn <= until ? adjournedSentenceOn : decidedOn;
  addHearing(context, {
    ...parties,
    type: HearingType.BREACH_SENTENCE,
    status: "HEARD",
    day: sentencedOn,
    time: sentencedOn === decidedOn ? "14:00" : undefined,
    outcomeNote: `Sentence: ${breach.sentence}.`,
  });
}
