import { courtsOfForce } from "../../platform/estate";
import { addBreaches } from "./breaches";
import { Day } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { createProtectedPerson, createRespondent, notifyAddresses, RespondentPool } from "./people";
import { TOWNS_BY_FORCE } from "./places";
import { StalkingCase } from "./stalking-case";

/** About one case in twenty names a respondent of an earlier case. */
const REPEAT_RESPONDENT_SHARE = 0.06;
const SECOND_PROTECTED_PERSON_SHARE = 0.2;
const ADDRESS_COUNTS: readonly number[] = [1, 1, 1, 2, 2, 3];

export interface CaseRequest {
  appliedOn: Day;
  forceCode: string;
  /** Order rows the case may write: 1 forbids an interim order followed by a full one. */
  maxOrders: number;
}

/**
 * Writes one case with everything that belongs to it: its people (or a new
 * address for a repeat respondent), orders, hearings and breaches. Returns
 * the number of order rows written.
 */
export function writeCase(context: ChunkContext, respondents: RespondentPool, request: CaseRequest): number {
  const { rng } = context;
  const { appliedOn, forceCode } = request;
  const repeatRespondent = rng.chance(REPEAT_RESPONDENT_SHARE) ? respondents.pickEligible(rng, appliedOn) : undefined;
  const respondent = repeatRespondent ?? createRespondent(context, forceCode, appliedOn);
  const protectedPersonCount = rng.chance(SECOND_PROTECTED_PERSON_SHARE) ? 2 : 1;
  const protectedPersonIds = Array.from({ length: protectedPersonCount }, () => createProtectedPerson(context, forceCode, appliedOn));

  const orders = new StalkingCase(context, {
    appliedOn,
    forceCode,
    courtCode: rng.pick(courtsOfForce(forceCode)).code,
    place: rng.pick(TOWNS_BY_FORCE[forceCode]),
    respondentId: respondent.id,
    protectedPersonIds,
    mayStartWithInterim: request.maxOrders >= 2,
  }).run();

  const notifyFrom = orders[0].servedOn ?? appliedOn;
  if (repeatRespondent) {
    repeatRespondent.lastAppliedOn = appliedOn;
    // A repeat respondent in another force's area has moved there; others sometimes have moved within it.
    if (repeatRespondent.forceCode !== forceCode || rng.chance(0.5)) notifyAddresses(context, respondent.id, forceCode, notifyFrom, 1);
  } else {
    notifyAddresses(context, respondent.id, forceCode, notifyFrom, rng.pick(ADDRESS_COUNTS));
    respondents.add(rng, respondent);
  }
  for (const order of orders) addBreaches(context, order);
  return orders.length;
}
