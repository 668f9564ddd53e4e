import { isIsoDate } from "../platform/dates";
import type { AppealEffect } from "./appeals";
import { refuse, type Refusal } from "./refusal";

/**
 * The prohibitions and requirements of an order, decision by decision (Stalking Protection Act 2019 s.2, s.4):
 * a decision that makes an order sets its terms; one that extends or varies it may make, vary or remove terms;
 * each term may have a period of its own (s.2(4): different periods for different prohibitions or requirements).
 * What is in force on a day is a fold of the decisions up to that day, so a past day is answered as it stood.
 */

export const TERM_TYPES = ["PROHIBITION", "REQUIREMENT"] as const;
/** Longest description or exclusion area of a term, and most term changes one decision makes. */
export const MAX_TERM_TEXT_LENGTH = 1000;
export const MAX_TERM_CHANGES = 50;
export type TermType = (typeof TERM_TYPES)[number];

/**
 * The closed vocabulary terms are counted by nationally (what kinds of term courts impose), written once here;
 * docs/lifecycle-rules.md#terms-s2-s4 says what each covers. A category belongs to one type of term, except OTHER.
 */
export const TERM_CATEGORY_TYPE = {
  /** No contact, direct or indirect, with a protected person. */
  CONTACT: "PROHIBITION",
  /** Not to approach, follow or wait for a protected person. */
  APPROACH: "PROHIBITION",
  /** Not to enter or remain in an area, street or building (an exclusion zone). */
  LOCATION: "PROHIBITION",
  /** Not to contact, post about or monitor a protected person online, or use their accounts or devices. */
  ONLINE: "PROHIBITION",
  /** Not to contact or ask others (family, friends, colleagues) about a protected person. */
  THIRD_PARTY: "PROHIBITION",
  /** To attend an assessment (mental health, perpetrator suitability). */
  REQUIREMENT_ASSESSMENT: "REQUIREMENT",
  /** To take part in a programme, treatment or intervention. */
  REQUIREMENT_PROGRAMME: "REQUIREMENT",
  /** Anything else, prohibition or requirement. */
  OTHER: null,
} as const satisfies Record<string, TermType | null>;
export type TermCategory = keyof typeof TERM_CATEGORY_TYPE;
export const TERM_CATEGORIES = Object.keys(TERM_CATEGORY_TYPE) as TermCategory[];

/** The kinds of decision that set terms: they make, extend or vary an order. */
export const EFFECTS_WITH_TERMS = ["make", "makeFullSuperseding", "makeOnAppeal", "extend", "vary"] as const;
/** Every effect a decision has, the magistrates' (OrderEffect) and the Crown Court's on appeal, which include them. */
type EffectKind = AppealEffect["kind"];
const MAKING_EFFECTS: readonly EffectKind[] = ["make", "makeFullSuperseding", "makeOnAppeal"];

export interface TermContent {
  type: TermType;
  category: TermCategory;
  description: string;
  exclusionArea: string | null;
  /** The day the term ceases to have effect, if it has a period of its own; null: as long as the order. */
  until: string | null;
}

/** What a variation may change; a term's type never changes (a prohibition is removed and a requirement made). */
export type TermVariation = Partial<Omit<TermContent, "type">>;

export type TermChange =
  | { action: "MAKE"; termId: string; content: TermContent }
  | { action: "VARY"; termId: string; variation: TermVariation }
  | { action: "REMOVE"; termId: string };

export interface TermsDecision {
  decisionId: string;
  /** The day the decision takes effect. */
  decidedOn: string;
  effect: EffectKind;
  changes: readonly TermChange[];
}

export interface TermInForce extends TermContent {
  termId: string;
  madeBy: string;
  madeOn: string;
  /** The decision that last made or varied it, and the day that took effect. */
  lastChangedBy: string;
  effectiveFrom: string;
}

export interface TermVersion extends TermContent {
  decisionId: string;
  effectiveFrom: string;
}

export interface TermHistory {
  termId: string;
  /** Its content as made, then after each variation. */
  versions: TermVersion[];
  removed: { decisionId: string; on: string } | null;
}

/** The decisions in the order they took effect (the same day: in the order given). */
function chronological(decisions: readonly TermsDecision[]): TermsDecision[] {
  return decisions
    .map((decision, index) => ({ decision, index }))
    .sort((a, b) =>
      a.decision.decidedOn < b.decision.decidedOn ? -1 : a.decision.decidedOn > b.decision.decidedOn ? 1 : a.index - b.index,
    )
    .map(({ decision }) => decision);
}

/** Every term's history, from the decisions (in any order). */
export function termHistories(decisions: readonly TermsDecision[]): Map<string, TermHistory> {
  const histories = new Map<string, TermHistory>();
  for (const decision of chronological(decisions)) {
    for (const change of decision.changes) applyChange(histories, decision, change);
  }
  return histories;
}

function applyChange(histories: Map<string, TermHistory>, decision: TermsDecision, change: TermChange): void {
  const history = histories.get(change.termId);
  const at = { decisionId: decision.decisionId, effectiveFrom: decision.decidedOn };
  if (change.action === "MAKE") {
    if (!history) histories.set(change.termId, { termId: change.termId, versions: [{ ...change.content, ...at }], removed: null });
    return;
  }
  if (!history || history.removed) return;
  if (change.action === "REMOVE") history.removed = { decisionId: decision.decisionId, on: decision.decidedOn };
  else history.versions.push({ ...history.versions[history.versions.length - 1], ...definedOnly(change.variation), ...at });
}

/** A variation changes what it names; a key given as undefined changes nothing. */
function definedOnly(variation: TermVariation): TermVariation {
  return Object.fromEntries(Object.entries(variation).filter(([, value]) => value !== undefined));
}

/** The terms in force on a day: the fold of the decisions that took effect on or before it, less the terms whose own period has ended. */
export function termsInForceOn(decisions: readonly TermsDecision[], day: string): TermInForce[] {
  const histories = termHistories(decisions.filter((decision) => decision.decidedOn <= day));
  return [...histories.values()].flatMap((history) => {
    const current = history.versions[history.versions.length - 1];
    if (history.removed || (current.until !== null && current.until <= day)) return [];
    const { decisionId, effectiveFrom, ...content } = current;
    const made = history.versions[0];
    return [
      { termId: history.termId, ...content, madeBy: made.decisionId, madeOn: made.effectiveFrom, lastChangedBy: decisionId, effectiveFrom },
    ];
  });
}

export type TermsArgument = "terms" | "decidedOn";
export type TermsCheck = { ok: true } | Refusal<TermsArgument>;

/**
 * Checks a decision's terms against the decisions already recorded for the order: only a decision that makes,
 * extends or varies an order sets terms; one that makes an order sets at least one (s.1(2): it prohibits or
 * requires something) and only new ones; a variation or extension changes terms in force and leaves one at least.
 */
export function checkTermChanges(earlier: readonly TermsDecision[], decision: TermsDecision): TermsCheck {
  const { changes, effect, decidedOn } = decision;
  if (!(EFFECTS_WITH_TERMS as readonly string[]).includes(effect)) {
    return changes.length === 0
      ? { ok: true }
      : refuse("terms", `this decision makes, extends or varies no order (${effect}); it sets no terms`);
  }
  const latest = earlier.reduce<string | null>((last, d) => (last === null || d.decidedOn > last ? d.decidedOn : last), null);
  if (latest !== null && decidedOn < latest)
    return refuse("decidedOn", `terms change in the order of decisions: a decision of ${latest} is already recorded; got ${decidedOn}`);
  const making = MAKING_EFFECTS.includes(effect);
  const before = termHistories(earlier);
  if (making && before.size > 0) return refuse("terms", "the order already has terms: the decision that makes it sets its first");
  if (making && changes.length === 0) return refuse("terms", "an order prohibits or requires something (s.1(2)): give at least one term");
  const inForce = new Set(termsInForceOn(earlier, decidedOn).map((term) => term.termId));
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.termId)) return refuse("terms", `term ${change.termId} is changed twice by one decision`);
    seen.add(change.termId);
    const problem =
      change.action === "MAKE"
        ? checkMake(change, before, decidedOn)
        : checkChangeOfTermInForce(change, before, inForce, making, decidedOn);
    if (problem) return refuse("terms", problem);
  }
  if (changes.length > 0 && termsInForceOn([...earlier, decision], decidedOn).length === 0) {
    return refuse("terms", "the order would have no term in force: discharge it instead of removing every term");
  }
  return { ok: true };
}

function checkMake(change: Extract<TermChange, { action: "MAKE" }>, before: Map<string, TermHistory>, decidedOn: string): string | null {
  if (before.has(change.termId)) return `term ${change.termId} already exists: vary it instead`;
  return checkContent(change.termId, change.content, decidedOn);
}

function checkChangeOfTermInForce(
  change: Exclude<TermChange, { action: "MAKE" }>,
  before: Map<string, TermHistory>,
  inForce: Set<string>,
  making: boolean,
  decidedOn: string,
): string | null {
  if (making) return `a decision that makes an order makes its terms; it cannot ${change.action.toLowerCase()} term ${change.termId}`;
  if (!inForce.has(change.termId)) return `term ${change.termId} is not in force on ${decidedOn}`;
  if (change.action === "REMOVE") return null;
  const given = definedOnly(change.variation);
  if (Object.keys(given).length === 0) return `a variation of term ${change.termId} changes nothing`;
  const { type } = before.get(change.termId)!.versions[0];
  return (
    checkVariation(change.termId, given, decidedOn) ?? (given.category ? checkCategoryFits(change.termId, given.category, type) : null)
  );
}

function checkContent(termId: string, content: TermContent, decidedOn: string): string | null {
  if (!(TERM_TYPES as readonly string[]).includes(content.type)) return `term ${termId}: unknown type ${content.type}`;
  return checkVariation(termId, content, decidedOn) ?? checkCategoryFits(termId, content.category, content.type);
}

function checkVariation(termId: string, variation: TermVariation, decidedOn: string): string | null {
  const { category, description, until } = variation;
  if (category !== undefined && !TERM_CATEGORIES.includes(category)) return `term ${termId}: unknown category ${category}`;
  if (description !== undefined && description.trim() === "") return `term ${termId}: the description says what is prohibited or required`;
  if (until !== undefined && until !== null && (!isIsoDate(until) || until <= decidedOn)) {
    return `term ${termId}: its period ends after the day of the decision (${decidedOn}); got ${until}`;
  }
  return null;
}

function checkCategoryFits(termId: string, category: TermCategory, type: TermType): string | null {
  const fits = TERM_CATEGORY_TYPE[category];
  return fits === null || fits === type
    ? null
    : `term ${termId}: ${category} is a category of ${fits.toLowerCase()}s, not of ${type.toLowerCase()}s`;
}

/**
 * The terms an order held before its decisions were recorded one by one (the dataset's rows, an application's
 * proposed terms): made by the decision that made the order, on the day it was made. Their ids are derived from the
 * order and the row, so every subgraph that holds them names them alike.
 */
export interface InitialTermRow {
  /** PROHIBITION or REQUIREMENT (the rows' older name for the type). */
  category: TermType;
  position: number;
  description: string;
  exclusionArea: string | null;
}

export function initialTermId(orderId: string, row: Pick<InitialTermRow, "category" | "position">): string {
  return `${orderId}/${row.category === "PROHIBITION" ? "p" : "r"}${row.position}`;
}

/** The rows as MAKE changes; their category is OTHER, as nothing says which kind of term each is. */
export function initialTermChanges(orderId: string, rows: readonly InitialTermRow[]): TermChange[] {
  return [...rows]
    .sort((a, b) => (a.category === b.category ? a.position - b.position : a.category === "PROHIBITION" ? -1 : 1))
    .map((row) => ({
      action: "MAKE",
      termId: initialTermId(orderId, row),
      content: { type: row.category, category: "OTHER", description: row.description, exclusionArea: row.exclusionArea, until: null },
    }));
}

/** The id of the decision initialTermChanges are made by: the order's making, which no hearing outcome recorded. */
export function initialDecisionId(orderId: string): string {
  return `made:${orderId}`;
}

/**
 * The decisions to fold for an order: those recorded, after the making of its initial terms when no recorded
 * decision made the order (an order of the dataset, made before decisions carried terms).
 */
export function decisionsWithInitialTerms(
  order: { id: string; madeOn: string | null },
  initialRows: readonly InitialTermRow[],
  recorded: readonly TermsDecision[],
): TermsDecision[] {
  const madeByRecord = recorded.some((decision) => MAKING_EFFECTS.includes(decision.effect));
  if (madeByRecord || order.madeOn === null || initialRows.length === 0) return [...recorded];
  const initial: TermsDecision = {
    decisionId: initialDecisionId(order.id),
    decidedOn: order.madeOn,
    effect: "make",
    changes: initialTermChanges(order.id, initialRows),
  };
  return [initial, ...recorded];
}

/**
 * The decisions without the terms' text: what another subgraph keeps to check decisions and breaches against
 * (which terms exist, their types, categories and periods). A term's text is case detail and stays with orders.
 */
export function withoutText(decisions: readonly TermsDecision[]): TermsDecision[] {
  return decisions.map((decision) => ({
    ...decision,
    changes: decision.changes.map((change): TermChange => {
      if (change.action === "MAKE") return { ...change, content: { ...change.content, description: "-", exclusionArea: null } };
      if (change.action === "VARY") {
        const { description: _description, exclusionArea: _exclusionArea, ...rest } = change.variation;
        return { ...change, variation: rest };
      }
      return change;
    }),
  }));
}

/** Whether a decision of this effect makes the order (and so sets its first terms). */
export function makesOrder(effect: EffectKind): boolean {
  return MAKING_EFFECTS.includes(effect);
}

/** Whether a decision of this effect may set terms at all. */
export function setsTerms(effect: EffectKind): boolean {
  return (EFFECTS_WITH_TERMS as readonly string[]).includes(effect);
}
