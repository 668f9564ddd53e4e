import { refuse, type Refusal } from "./refusal";

/**
 * How a conviction for breach (s.8) was disposed of, structured for counting instead of a line of free text.
 * The limits: imprisonment up to 5 years, the maximum on indictment (s.8(2)(b); on summary conviction the general
 * limit in a magistrates' court is lower, and the court that sentenced is not known here); under the Sentencing
 * Act 2020, a suspended sentence of 14 days to 2 years, suspended for 6 months to 2 years, a community order of up
 * to 3 years and a conditional discharge of up to 3 years (s.80).
 */
export const LENGTH_UNITS = ["DAYS", "WEEKS", "MONTHS", "YEARS"] as const;
export interface Length {
  value: number;
  unit: (typeof LENGTH_UNITS)[number];
}

export type BreachDisposal =
  | { type: "CUSTODY"; length: Length }
  | { type: "SUSPENDED"; length: Length; suspendedFor: Length }
  | { type: "COMMUNITY_ORDER"; length: Length }
  | { type: "FINE"; amountPence: number }
  | { type: "CONDITIONAL_DISCHARGE"; length: Length }
  | { type: "ABSOLUTE_DISCHARGE" };
export type DisposalType = BreachDisposal["type"];

/**
 * Lengths of different units compare in days, a month being a twelfth of a year of 365.25 days: exact at the
 * limits as the statute states them (24 months and 2 years are one length), a day's slack between units.
 */
const DAYS_IN: Record<Length["unit"], number> = { DAYS: 1, WEEKS: 7, MONTHS: 365.25 / 12, YEARS: 365.25 };
const inDays = (length: Length) => length.value * DAYS_IN[length.unit];
const LIMITS: Record<
  "CUSTODY" | "SUSPENDED" | "SUSPENDED_FOR" | "COMMUNITY_ORDER" | "CONDITIONAL_DISCHARGE",
  { min: Length; max: Length; what: string }
> = {
  CUSTODY: { min: { value: 1, unit: "DAYS" }, max: { value: 5, unit: "YEARS" }, what: "imprisonment for breach" },
  SUSPENDED: { min: { value: 14, unit: "DAYS" }, max: { value: 2, unit: "YEARS" }, what: "a suspended sentence" },
  SUSPENDED_FOR: {
    min: { value: 6, unit: "MONTHS" },
    max: { value: 2, unit: "YEARS" },
    what: "the operational period of a suspended sentence",
  },
  COMMUNITY_ORDER: { min: { value: 1, unit: "DAYS" }, max: { value: 3, unit: "YEARS" }, what: "a community order" },
  CONDITIONAL_DISCHARGE: { min: { value: 1, unit: "DAYS" }, max: { value: 3, unit: "YEARS" }, what: "a conditional discharge" },
};

/** A discharge is instead of punishment and stands alone; custody, a suspended sentence and a community order exclude one another. */
const STANDS_ALONE: readonly DisposalType[] = ["CONDITIONAL_DISCHARGE", "ABSOLUTE_DISCHARGE"];
const ONE_OF: readonly DisposalType[] = ["CUSTODY", "SUSPENDED", "COMMUNITY_ORDER"];

const show = (length: Length) => `${length.value} ${length.unit.toLowerCase()}`;

function checkLength(length: Length, limit: keyof typeof LIMITS): string | null {
  const { min, max, what } = LIMITS[limit];
  if (!LENGTH_UNITS.includes(length.unit)) return `unknown unit ${length.unit}`;
  if (!Number.isInteger(length.value) || length.value < 1)
    return `a length is a whole number of ${length.unit.toLowerCase()}, 1 or more; got ${length.value}`;
  if (inDays(length) < inDays(min) || inDays(length) > inDays(max))
    return `${what} is of ${show(min)} to ${show(max)}; got ${show(length)}`;
  return null;
}

function checkOne(disposal: BreachDisposal): string | null {
  switch (disposal.type) {
    case "CUSTODY":
    case "COMMUNITY_ORDER":
    case "CONDITIONAL_DISCHARGE":
      return checkLength(disposal.length, disposal.type);
    case "SUSPENDED":
      return checkLength(disposal.length, "SUSPENDED") ?? checkLength(disposal.suspendedFor, "SUSPENDED_FOR");
    case "FINE":
      return Number.isInteger(disposal.amountPence) && disposal.amountPence >= 1
        ? null
        : `a fine is a whole number of pence, 1 or more; got ${disposal.amountPence}`;
    case "ABSOLUTE_DISCHARGE":
      return null;
    default:
      return `unknown disposal ${(disposal as { type: string }).type}`;
  }
}

/** Checks the disposals of one conviction: at least one, each valid, and a combination a court can impose. */
export function checkDisposals(disposals: readonly BreachDisposal[]): { ok: true } | Refusal<"disposals"> {
  if (disposals.length === 0) return refuse("disposals", "a conviction is disposed of somehow: give at least one disposal");
  for (const disposal of disposals) {
    const problem = checkOne(disposal);
    if (problem) return refuse("disposals", `${disposal.type}: ${problem}`);
  }
  const types = disposals.map((disposal) => disposal.type);
  const repeated = types.find((type, index) => types.indexOf(type) !== index);
  if (repeated) return refuse("disposals", `${repeated} is given more than once`);
  const alone = types.find((type) => STANDS_ALONE.includes(type));
  if (alone && types.length > 1) return refuse("disposals", `${alone} stands alone: a discharge is instead of punishment`);
  const exclusive = types.filter((type) => ONE_OF.includes(type));
  if (exclusive.length > 1) return refuse("disposals", `${exclusive.join(" and ")} exclude one another`);
  return { ok: true };
}

/** Every disposal type, in the order a sentence is usually stated. */
export const DISPOSAL_TYPES = [
  "CUSTODY",
  "SUSPENDED",
  "COMMUNITY_ORDER",
  "FINE",
  "CONDITIONAL_DISCHARGE",
  "ABSOLUTE_DISCHARGE",
] as const satisfies readonly DisposalType[];

/** One disposal as an API states it: a type and whichever of length, operational period and amount it needs. */
export interface DisposalParts {
  type: DisposalType;
  length: Length | null;
  suspendedFor: Length | null;
  amountPence: number | null;
}

/** Which parts each type takes: any other part given is refused (it would be stored unread, or read as something else). */
const PARTS_OF: Record<DisposalType, readonly ("length" | "suspendedFor" | "amountPence")[]> = {
  CUSTODY: ["length"],
  SUSPENDED: ["length", "suspendedFor"],
  COMMUNITY_ORDER: ["length"],
  FINE: ["amountPence"],
  CONDITIONAL_DISCHARGE: ["length"],
  ABSOLUTE_DISCHARGE: [],
};

function fromParts(parts: DisposalParts): BreachDisposal | string {
  if (!DISPOSAL_TYPES.includes(parts.type)) return `unknown disposal ${parts.type}`;
  const takes = PARTS_OF[parts.type];
  for (const part of ["length", "suspendedFor", "amountPence"] as const) {
    if (takes.includes(part) && parts[part] === null) return `${parts.type} needs ${part}`;
    if (!takes.includes(part) && parts[part] !== null) return `${parts.type} takes no ${part}; leave it out`;
  }
  switch (parts.type) {
    case "CUSTODY":
    case "COMMUNITY_ORDER":
    case "CONDITIONAL_DISCHARGE":
      return { type: parts.type, length: parts.length! };
    case "SUSPENDED":
      return { type: parts.type, length: parts.length!, suspendedFor: parts.suspendedFor! };
    case "FINE":
      return { type: parts.type, amountPence: parts.amountPence! };
    case "ABSOLUTE_DISCHARGE":
      return { type: parts.type };
  }
}

/**
 * The structured disposal given with a hearing's outcome: only a conviction at the sentencing hearing is disposed
 * of (at a first appearance or a trial the court convicts and sentences later, and an acquittal has nothing to
 * dispose of); it is optional there, the outcome note still carrying the sentence as the court worded it. Each
 * disposal's parts are read into the domain's shape, then the whole held to checkDisposals.
 */
export function checkSentenceDisposal(
  hearingType: string,
  decision: string | null,
  parts: readonly DisposalParts[] | null,
): { ok: true; disposals: BreachDisposal[] | null } | Refusal<"disposals"> {
  if (parts === null) return { ok: true, disposals: null };
  if (hearingType !== "BREACH_SENTENCE" || decision !== "CONVICTED") {
    return refuse(
      "disposals",
      `a disposal is the sentence of a conviction at a BREACH_SENTENCE hearing; this is ${decision ?? "no decision"} at a ${hearingType} hearing`,
    );
  }
  const disposals: BreachDisposal[] = [];
  for (const part of parts) {
    const disposal = fromParts(part);
    if (typeof disposal === "string") return refuse("disposals", disposal);
    disposals.push(disposal);
  }
  const check = checkDisposals(disposals);
  return check.ok ? { ok: true, disposals } : check;
}
