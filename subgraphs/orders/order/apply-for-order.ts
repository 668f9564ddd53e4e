import { randomUUID } from "node:crypto";
import { checkApplication, type ApplicationArgument } from "../../../domain/applications";
import { ORDER_FACTS_CHANGED, type OrderFactsChangedPayload } from "../../../domain/order-facts/order-facts";
import { STREAMS } from "../../../domain/topology";
import { BadUserInputError, outOfJurisdiction } from "../../../platform/errors/errors";
import { appendToOutbox } from "../../../platform/events/outbox";
import { coversForce } from "../../../platform/identity/principal";
import { findForce } from "../../../platform/estate";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { OrdersContext } from "../context";
import { OrderWriter } from "./order.writer";
import type { StalkingProtectionOrder } from "./order.type";
import type { ApplyForOrderInput, ProposedTermInput } from "./order.input";
import { namedPersons } from "./application-parties";

export const MAX_GROUNDS_LENGTH = 4000;
export const MAX_TERM_LENGTH = 1000;
export const MAX_PROTECTED_PERSONS = 20;
export const MAX_TERMS = 50;

/** Which input field each refusal of the application rules is about (the respondent's age and home are theirs). */
const ARGUMENT: Record<ApplicationArgument, string> = {
  applicantForceCode: "input.applicantForce",
  courtCode: "input.courtCode",
  appliedOn: "input.appliedOn",
  respondentDateOfBirth: "input.respondentId",
  areaGround: "input.areaGround",
  beliefReason: "input.beliefReason",
};

/** Trimmed text, or a refusal naming the argument: required text may not be blank. */
function text(argument: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === "") throw new BadUserInputError(argument, "must not be blank");
  if (trimmed.length > max) throw new BadUserInputError(argument, `at most ${max} characters; got ${trimmed.length}`);
  return trimmed;
}

function terms(input: ApplyForOrderInput) {
  const of = (category: "PROHIBITION" | "REQUIREMENT", list: readonly ProposedTermInput[], argument: string) =>
    list.map((term, i) => {
      if (category === "REQUIREMENT" && term.exclusionArea != null)
        throw new BadUserInputError(`${argument}[${i}].exclusionArea`, "a requirement has no exclusion area");
      const exclusionArea =
        term.exclusionArea == null ? null : text(`${argument}[${i}].exclusionArea`, term.exclusionArea, MAX_TERM_LENGTH);
      return { category, description: text(`${argument}[${i}].description`, term.description, MAX_TERM_LENGTH), exclusionArea };
    });
  const all = [
    ...of("PROHIBITION", input.prohibitions, "input.prohibitions"),
    ...of("REQUIREMENT", input.requirements, "input.requirements"),
  ];
  // s.1(2): an order prohibits or requires something; an application proposing nothing asks for no order.
  if (all.length === 0) throw new BadUserInputError("input.prohibitions", "propose at least one prohibition or requirement");
  if (all.length > MAX_TERMS) throw new BadUserInputError("input.prohibitions", `at most ${MAX_TERMS} terms in all; got ${all.length}`);
  return all;
}

/**
 * applyForOrder: a chief officer of police applies for an order (s.1), optionally with an interim order (s.5).
 * The applicant force must be one the caller covers (a force officer its own, a regional officer its region's);
 * the application rules (domain/applications.ts) decide the rest: s.1(3) for a force with a police area (British
 * Transport Police and the Ministry of Defence Police apply about anyone), the court by the respondent's age. One
 * order is created, APPLIED: the interim order when one is sought (its application goes on to the full hearing,
 * where a full order made supersedes it, as for every interim order), else the full order. Written in ONE
 * transaction with its idempotency record and the OrderFactsChanged event (people learns the parties' roles,
 * hearings and breaches the order): a refusal changes nothing; the same key with the same input returns the same
 * order after the same jurisdiction check.
 */
export async function applyForOrder(context: OrdersContext, input: ApplyForOrderInput): Promise<StalkingProtectionOrder> {
  const application = {
    applicantForceCode: input.applicantForce,
    respondentId: input.respondentId,
    protectedPersonIds: [...input.protectedPersonIds],
    courtCode: input.courtCode,
    appliedOn: input.appliedOn,
    areaGround: input.areaGround ?? null,
    beliefReason: input.beliefReason?.trim() || null,
    grounds: text("input.grounds", input.grounds, MAX_GROUNDS_LENGTH),
    terms: terms(input),
    interimSought: input.interimSought,
  };
  const today = context.clock.today();
  if (application.appliedOn > today)
    throw new BadUserInputError("input.appliedOn", `is in the future (${application.appliedOn}; today is ${today})`);
  const protectedIds = application.protectedPersonIds;
  if (protectedIds.length === 0)
    throw new BadUserInputError("input.protectedPersonIds", "name at least one person the order is to protect");
  if (protectedIds.length > MAX_PROTECTED_PERSONS)
    throw new BadUserInputError("input.protectedPersonIds", `at most ${MAX_PROTECTED_PERSONS}; got ${protectedIds.length}`);
  if (new Set(protectedIds).size !== protectedIds.length) throw new BadUserInputError("input.protectedPersonIds", "names a person twice");
  if (protectedIds.includes(application.respondentId))
    throw new BadUserInputError("input.protectedPersonIds", "names the respondent; an order protects others from them");
  const { principal } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: application,
    newResultId: randomUUID(),
    async authorize() {
      if (!findForce(application.applicantForceCode))
        throw new BadUserInputError("input.applicantForce", `unknown force code "${application.applicantForceCode}"`);
      // A chief officer applies for its own force: the caller must cover the force it applies as.
      if (!coversForce(principal, application.applicantForceCode)) throw outOfJurisdiction();
    },
    async perform(tx, _target, id) {
      const forces = principal.jurisdiction.kind === "forces" ? principal.jurisdiction.forces : null;
      const persons = await namedPersons(tx, [application.respondentId, ...protectedIds], forces);
      const respondent = persons.get(application.respondentId);
      if (!respondent) throw new BadUserInputError("input.respondentId", `no person "${application.respondentId}" known to you`);
      const unknown = protectedIds.find((personId) => !persons.has(personId));
      if (unknown !== undefined) throw new BadUserInputError("input.protectedPersonIds", `no person "${unknown}" known to you`);
      const check = checkApplication({
        applicantForceCode: application.applicantForceCode,
        courtCode: application.courtCode,
        appliedOn: application.appliedOn,
        respondentDateOfBirth: respondent.dateOfBirth,
        respondentHomeForceCode: respondent.homeForceCode,
        areaGround: application.areaGround,
        beliefReason: application.beliefReason,
        interimSought: application.interimSought,
      });
      if (!check.ok) throw new BadUserInputError(ARGUMENT[check.argument], check.reason);

      const writer = new OrderWriter(tx);
      const order = await writer.createAppliedOrder({
        id,
        kind: check.ordersApplied[0],
        applicantForceCode: application.applicantForceCode,
        courtCode: application.courtCode,
        respondentId: application.respondentId,
        protectedPersonIds: protectedIds,
        appliedOn: application.appliedOn,
        terms: application.terms,
        // The grounds, and what a belief rests on, are case detail of the order: its history note, guarded as such.
        note: application.beliefReason ? `${application.grounds}\n\ns.1(3)(b): ${application.beliefReason}` : application.grounds,
        areaGround: application.areaGround,
        interimSought: application.interimSought,
      });
      await appendToOutbox<OrderFactsChangedPayload>(tx, STREAMS.orderFacts.name, [
        {
          type: ORDER_FACTS_CHANGED,
          payload: { order, madeAtHearingId: null, parties: { respondentId: order.respondentId, protectedPersonIds: protectedIds } },
        },
      ]);
    },
    read: (orderId) => context.loaders.orderById.load(orderId),
    afterChange: () => context.eventsWritten(),
  });
}
