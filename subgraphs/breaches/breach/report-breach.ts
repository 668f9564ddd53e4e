import { randomUUID } from "node:crypto";
import { BadUserInputError, outOfJurisdiction } from "../../../platform/errors/errors";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import { findOrderFacts, findOrderTermFacts } from "../../../domain/order-facts/order-facts-copy";
import { checkTermsBreached } from "../../../domain/breach-report";
import { deriveOrderStatus } from "../../../domain/order-status";
import { coversOrderDetailForces } from "../../../domain/order-facts/order-facts";
import type { BreachesContext } from "../context";
import type { ReportBreachInput } from "./breach.input";
import { BreachWriter } from "./breach.writer";
import { BreachOffenceType } from "../../../domain/vocabulary";
import type { BreachOffence } from "./breach.type";
import { parseCrimeReference } from "../../../domain/breach-report";

/** CJS offence code of s.8 (breach of an interim or full order). s.11 offences are recorded without a code until theirs are confirmed. */
export const OFFENCE_CODES: Readonly<Record<BreachOffenceType, string | null>> = {
  BREACH_OF_ORDER: "ST19001",
  NOTIFICATION_FAILURE: null,
  FALSE_NOTIFICATION: null,
};

export const MAX_DESCRIPTION_LENGTH = 4000;

/**
 * reportBreach: a breach of an order the caller's force (or region) covers,
 * committed on a day the order was in force and not in the future. Reported
 * to the order's applicant force, today, with status REPORTED; the offender is
 * the order's respondent. Checked against this subgraph's copy of the order's
 * facts and written in ONE transaction with its idempotency record: any
 * refusal changes nothing; the same key with the same input returns the same
 * breach (after the same jurisdiction check as a first request), with another
 * input it is refused.
 */
export async function reportBreach(context: BreachesContext, input: ReportBreachInput): Promise<BreachOffence> {
  const report = {
    orderId: input.orderId,
    offenceType: input.offenceType,
    occurredOn: input.occurredOn,
    description: input.description.trim(),
    // Terms breached: absent when not given, so a request recorded before reports named terms compares alike.
    ...(input.termsBreached == null ? {} : { termsBreached: input.termsBreached }),
  };
  const crimeReferenceGiven = input.crimeReference ?? null;
  if (report.description === "") throw new BadUserInputError("input.description", "must describe what happened");
  if (report.description.length > MAX_DESCRIPTION_LENGTH) {
    throw new BadUserInputError("input.description", `at most ${MAX_DESCRIPTION_LENGTH} characters; got ${report.description.length}`);
  }
  const today = context.clock.today();
  if (report.occurredOn > today)
    throw new BadUserInputError("input.occurredOn", `is in the future (${report.occurredOn}; today is ${today})`);
  const { principal } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    // A field left out stays out of the request, so keys recorded before it existed replay as they did.
    request: { ...report, ...(crimeReferenceGiven !== null && { crimeReference: crimeReferenceGiven }) },
    newResultId: `breach-${randomUUID()}`,
    async authorize(tx) {
      const order = await findOrderFacts(tx, report.orderId);
      if (!order) throw new BadUserInputError("input.orderId", `no order "${report.orderId}"`);
      // Anyone may know the order exists (cross-force intelligence); reporting its breach is for the forces covering it.
      if (!coversOrderDetailForces(principal, order)) throw outOfJurisdiction();
      return order;
    },
    async perform(tx, order, id) {
      const status = deriveOrderStatus(order, report.occurredOn);
      if (status !== "IN_FORCE") {
        throw new BadUserInputError(
          "input.occurredOn",
          `the order was not in force on ${report.occurredOn} (it was ${status}); no breach of it is possible`,
        );
      }
      const reportingForceCode = order.applicantForceCode;
      const crimeReference = readCrimeReference(crimeReferenceGiven, {
        reportingForceCode,
        occurredOn: report.occurredOn,
        reportedOn: today,
      });
      const termsBreached = report.termsBreached ?? null;
      const termsCheck = checkTermsBreached(report.offenceType, termsBreached, await findOrderTermFacts(tx, order.id), report.occurredOn);
      if (!termsCheck.ok) throw new BadUserInputError(`input.${termsCheck.argument}`, termsCheck.reason);

      await new BreachWriter(tx).insertReportedBreach({
        id,
        offenceType: report.offenceType,
        offenceCode: OFFENCE_CODES[report.offenceType],
        orderId: order.id,
        orderForceCode: order.applicantForceCode,
        offenderId: order.respondentId,
        reportingForceCode,
        occurredOn: report.occurredOn,
        reportedOn: today,
        description: report.description,
        crimeReference,
      });
      await new BreachWriter(tx).insertTermsBreached(id, termsBreached ?? []);
    },
    read: (breachId) => context.loaders.breachById.load(breachId),
  });
}

/** The crime reference as given (null when none is), normalised, or refused naming input.crimeReference. */
function readCrimeReference(given: string | null, context: Parameters<typeof parseCrimeReference>[1]): string | null {
  if (given === null) return null;
  const parsed = parseCrimeReference(given, context);
  if (!parsed.ok) throw new BadUserInputError(`input.${parsed.argument}`, parsed.reason);
  return parsed.crimeReference;
}
