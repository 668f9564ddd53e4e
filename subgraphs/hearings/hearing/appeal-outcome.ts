import { checkAppealOutcome, type Appeal, type AppealArgument } from "../../../domain/appeals";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import type { AppealOutcome, CourtDecision } from "../../../domain/vocabulary";
import { BadUserInputError } from "../../../platform/errors/errors";
import type { AppealOutcomeInput } from "./hearing.input";
import type { CourtHearing } from "./hearing.type";

/** An appeal's outcome as given, as plain values (what the idempotency fingerprint and the rules read); null when none is. */
export interface GivenAppeal {
  outcome: AppealOutcome;
  against: Appeal["against"];
  appellant: Appeal["appellant"];
  section4ApplicationBy: Appeal["section4ApplicationBy"];
}

export function appealOf(input: AppealOutcomeInput | null | undefined): GivenAppeal | null {
  if (input == null) return null;
  return {
    outcome: input.outcome,
    against: input.against,
    appellant: input.appellant,
    section4ApplicationBy: input.section4ApplicationBy ?? null,
  };
}

/** Where each of the appeal rules' arguments is in HearingOutcomeInput. */
const INPUT_OF: Record<AppealArgument, string> = {
  courtCode: "input.hearingId",
  appellant: "input.appeal.appellant",
  section4ApplicationBy: "input.appeal.section4ApplicationBy",
  outcome: "input.appeal.outcome",
  expiresOn: "input.expiresOn",
  untilFurtherOrder: "input.untilFurtherOrder",
};

interface OutcomeUnderAppeal {
  status: string;
  decision: string | null;
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
}

/**
 * The CourtDecision an appeal's outcome is recorded as, held to domain/appeals.ts (who may appeal against what, at
 * the Crown Court, with what effect on the order as it stands on the day): the hearings' rule book then checks and
 * applies that decision as any other, so orders apply its effect through the same event. Refusals are
 * BAD_USER_INPUT naming the input field at fault.
 */
export function decisionOfAppeal(
  hearing: CourtHearing,
  outcome: OutcomeUnderAppeal,
  appeal: GivenAppeal,
  decidedOn: string,
  order: OrderFacts | null,
): CourtDecision {
  if (hearing.type !== "APPEAL")
    throw new BadUserInputError("input.appeal", `only an APPEAL hearing has an appeal outcome; this is a ${hearing.type} hearing`);
  if (outcome.status !== "HEARD") throw new BadUserInputError("input.status", "an appeal's outcome is recorded with status HEARD");
  if (order === null) throw new BadUserInputError("input.hearingId", "the order of this hearing is not known here yet; try again shortly");
  const given = outcome.expiresOn !== null || outcome.untilFurtherOrder === true;
  const check = checkAppealOutcome(
    {
      against: appeal.against,
      appellant: appeal.appellant,
      section4ApplicationBy: appeal.section4ApplicationBy,
      courtCode: hearing.courtCode,
    },
    {
      outcome: appeal.outcome,
      expiry: given ? { expiresOn: outcome.expiresOn, untilFurtherOrder: outcome.untilFurtherOrder === true } : null,
    },
    decidedOn,
    order,
  );
  if (!check.ok) throw new BadUserInputError(INPUT_OF[check.argument], check.reason);
  if (outcome.decision !== null && outcome.decision !== check.recordedDecision) {
    throw new BadUserInputError(
      "input.decision",
      `an appeal ${appeal.outcome} against ${appeal.against} is recorded as ${check.recordedDecision}; leave decision out or give that`,
    );
  }
  return check.recordedDecision as CourtDecision;
}
