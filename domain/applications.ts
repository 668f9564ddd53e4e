import { ageOn, isIsoDate } from "../platform/dates";
import { findCourt, findForce, hasPoliceArea, type CourtJurisdiction } from "../platform/estate";
import { refuse, type Refusal } from "./refusal";
import { AreaGround as AreaGroundValue } from "./vocabulary";

/**
 * Who may apply for a stalking protection order, to which court (Stalking Protection Act 2019 s.1, with the
 * interim application of s.5 sought with it). The API layer asks this before it records an application and turns
 * a refusal into BAD_USER_INPUT naming the argument.
 */

/** Section 1 came into force on 20 January 2020 (S.I. 2020/26): no application is made before it. */
export const APPLICATIONS_FROM = "2020-01-20";

/** The youth court hears an application when the respondent is this old or older, and under ADULT_AGE, on the day of application. */
export const YOUTH_FROM_AGE = 10;
export const ADULT_AGE = 18;

/**
 * Section 1(3): a chief officer of a police area applies only about a person who resides in that area (a), or whom
 * the chief officer believes is in it or is intending to come to it (b). Which of the three the application rests on.
 */
export const AREA_GROUNDS = [
  AreaGroundValue.RESIDES_IN_AREA,
  AreaGroundValue.BELIEVED_IN_AREA,
  AreaGroundValue.BELIEVED_COMING_TO_AREA,
] as const;
export type AreaGround = `${AreaGroundValue}`;

/** A belief (s.1(3)(b)) is recorded with what it rests on; this many characters at least, so it says something. */
export const BELIEF_REASON_MINIMUM = 10;

export interface ApplicationInput {
  applicantForceCode: string;
  courtCode: string;
  appliedOn: string;
  /** Null when not known: then the respondent is taken to be an adult, and a youth court cannot be chosen. */
  respondentDateOfBirth: string | null;
  /** The force whose area the respondent's known home address is in, if one is known. */
  respondentHomeForceCode: string | null;
  /** The s.1(3) ground; a national force (no police area) needs none. */
  areaGround: AreaGround | null;
  /** What the s.1(3)(b) belief rests on. */
  beliefReason: string | null;
  /** An interim order is sought with the full application (s.5). */
  interimSought: boolean;
}

export type ApplicationArgument =
  "applicantForceCode" | "courtCode" | "appliedOn" | "respondentDateOfBirth" | "areaGround" | "beliefReason";

export interface AcceptedApplication {
  ok: true;
  /** The court the respondent's age sends the application to. */
  courtJurisdiction: Extract<CourtJurisdiction, "MAGISTRATES" | "YOUTH">;
  /** The orders applied for, in the order they would be decided: an interim order first when one is sought. */
  ordersApplied: readonly ("INTERIM" | "FULL")[];
}

export type ApplicationCheck = AcceptedApplication | Refusal<ApplicationArgument>;

export function checkApplication(application: ApplicationInput): ApplicationCheck {
  const { appliedOn } = application;
  if (!isIsoDate(appliedOn)) return refuse("appliedOn", `must be a date YYYY-MM-DD; got ${appliedOn}`);
  if (appliedOn < APPLICATIONS_FROM) {
    return refuse("appliedOn", `section 1 of the Stalking Protection Act 2019 is in force from ${APPLICATIONS_FROM}; got ${appliedOn}`);
  }
  const area = checkAreaConnection(application);
  if (area) return area;
  const court = checkCourt(application);
  if ("argument" in court) return court;
  return { ok: true, courtJurisdiction: court.jurisdiction, ordersApplied: application.interimSought ? ["INTERIM", "FULL"] : ["FULL"] };
}

/** Section 1(3), for a chief officer of a police area; the national forces may apply about anyone. */
function checkAreaConnection(application: ApplicationInput): Refusal<ApplicationArgument> | null {
  const force = findForce(application.applicantForceCode);
  if (!force) return refuse("applicantForceCode", `unknown force code "${application.applicantForceCode}"`);
  // What a belief rests on belongs to a belief: beside residence, or no ground at all, it would be case detail
  // recorded for nothing the Act asks.
  const believed = application.areaGround === "BELIEVED_IN_AREA" || application.areaGround === "BELIEVED_COMING_TO_AREA";
  if (!believed && (application.beliefReason?.trim() ?? "") !== "") {
    return refuse("beliefReason", "only a belief (BELIEVED_IN_AREA, BELIEVED_COMING_TO_AREA) rests on a reason");
  }
  if (!hasPoliceArea(force)) return null;
  const { areaGround, respondentHomeForceCode } = application;
  if (areaGround === null) {
    return refuse(
      "areaGround",
      `${force.name} may apply only about a person who resides in its police area, or whom it believes is in it or is intending to come to it (s.1(3)); say which`,
    );
  }
  if (areaGround === "RESIDES_IN_AREA") {
    if (respondentHomeForceCode !== null && respondentHomeForceCode !== force.code) {
      const home = findForce(respondentHomeForceCode)?.name ?? `force ${respondentHomeForceCode}`;
      return refuse(
        "areaGround",
        `the respondent's known home address is in the area of ${home}, not ${force.name}; apply on a belief that the respondent is in the area or is coming to it (s.1(3)(b))`,
      );
    }
    return null;
  }
  const reason = application.beliefReason?.trim() ?? "";
  if (reason.length < BELIEF_REASON_MINIMUM) {
    return refuse(
      "beliefReason",
      `a belief that the respondent is in the area or is coming to it (s.1(3)(b)) needs what it rests on, at least ${BELIEF_REASON_MINIMUM} characters`,
    );
  }
  return null;
}

/** Section 1(1): a magistrates' court; a respondent aged 10 to 17 on the day of application is a youth court's. */
function checkCourt(
  application: ApplicationInput,
): { jurisdiction: AcceptedApplication["courtJurisdiction"] } | Refusal<ApplicationArgument> {
  const court = findCourt(application.courtCode);
  if (!court) return refuse("courtCode", `unknown court code "${application.courtCode}"`);
  if (court.jurisdiction === "CROWN") {
    return refuse(
      "courtCode",
      `${court.name} is the Crown Court: an application is made to a magistrates' court (s.1(1)); the Crown Court hears appeals (s.7)`,
    );
  }
  const { respondentDateOfBirth: dateOfBirth, appliedOn } = application;
  if (dateOfBirth !== null && (!isIsoDate(dateOfBirth) || dateOfBirth > appliedOn)) {
    return refuse(
      "respondentDateOfBirth",
      `must be a date YYYY-MM-DD on or before the day of application (${appliedOn}); got ${dateOfBirth}`,
    );
  }
  const age = dateOfBirth === null ? null : ageOn(dateOfBirth, appliedOn);
  if (age !== null && age < YOUTH_FROM_AGE) {
    return refuse(
      "respondentDateOfBirth",
      `the respondent is ${age} on ${appliedOn}: under ${YOUTH_FROM_AGE}, the age of criminal responsibility, breach of an order could not be prosecuted`,
    );
  }
  const youth = age !== null && age < ADULT_AGE;
  if (youth && court.jurisdiction !== "YOUTH") {
    return refuse("courtCode", `the respondent is ${age} on ${appliedOn}: the application is made to a youth court, not ${court.name}`);
  }
  if (!youth && court.jurisdiction === "YOUTH") {
    const who = age === null ? "the respondent's date of birth is not given" : `the respondent is ${age} on ${appliedOn}`;
    return refuse("courtCode", `${court.name} hears applications about respondents aged ${YOUTH_FROM_AGE} to ${ADULT_AGE - 1}, and ${who}`);
  }
  return { jurisdiction: youth ? "YOUTH" : "MAGISTRATES" };
}
