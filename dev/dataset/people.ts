import { addDays, addYears, ageOn, Day, isoFromDay, yearOf } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from "./names";
import { STREET_NAMES, TOWNS_BY_FORCE, townName } from "./places";
import { Prng } from "./prng";

const MALE_RESPONDENT_SHARE = 0.88;
const FEMALE_PROTECTED_PERSON_SHARE = 0.8;
const RESPONDENT_ALIAS_SHARE = 0.15;
const RESPONDENT_PNC_SHARE = 0.92;
const PROTECTED_PERSON_PNC_SHARE = 0.03;
const PROTECTED_PERSON_DOB_SHARE = 0.75;
/** The oldest respondent at application: the youngest is 18. */
const OLDEST_RESPONDENT_AGE = 70;
/** s.9: the respondent notifies the police within 3 days of the order being served. */
const NOTIFICATION_PERIOD_DAYS = 3;

/** A respondent that later cases may name again (repeat respondents). */
export interface Respondent {
  id: string;
  forceCode: string;
  birthDay: Day;
  lastAppliedOn: Day;
}

function givenNames(male: boolean): readonly string[] {
  return male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES;
}

/** Born so that the person is exactly `age` on `day`. */
function birthDayForAge(rng: Prng, day: Day, age: number): Day {
  const latest = addYears(day, -age);
  const earliest = addDays(addYears(day, -(age + 1)), 1);
  return rng.int(earliest, latest);
}

/** Ages 18 to 69 on the application day, most in their thirties and forties, so still at most 70 on the order's later events. */
function respondentAge(rng: Prng): number {
  return 18 + Math.floor(((rng.next() + rng.next()) / 2) * 52);
}

export function createRespondent(context: ChunkContext, forceCode: string, appliedOn: Day): Respondent {
  const { rng, ids, sequences, chunk } = context;
  const male = rng.chance(MALE_RESPONDENT_SHARE);
  const birthDay = birthDayForAge(rng, appliedOn, respondentAge(rng));
  const birthYear = yearOf(birthDay);
  const id = ids.next();
  const givenName = rng.pick(givenNames(male));
  const familyName = rng.pick(FAMILY_NAMES);
  chunk.people.persons.push({
    id,
    forceCode,
    // A PNC record is usually created at a first arrest, at 16 or later.
    pncId: rng.chance(RESPONDENT_PNC_SHARE) ? sequences.pncId(rng.int(Math.max(birthYear + 16, 1995), yearOf(appliedOn))) : null,
    givenName,
    familyName,
    dateOfBirth: isoFromDay(birthDay),
  });
  if (rng.chance(RESPONDENT_ALIAS_SHARE)) {
    const aliasCount = rng.chance(0.75) ? 1 : 2;
    for (let position = 0; position < aliasCount; position++) {
      // An alias changes one part of the name: another first name, or a former or assumed surname.
      const changeGiven = rng.chance(0.5);
      chunk.people.aliases.push({
        personId: id,
        position,
        givenName: changeGiven ? rng.pick(givenNames(male)) : givenName,
        familyName: changeGiven ? familyName : rng.pick(FAMILY_NAMES),
      });
    }
  }
  return { id, forceCode, birthDay, lastAppliedOn: appliedOn };
}

export function createProtectedPerson(context: ChunkContext, forceCode: string, appliedOn: Day): string {
  const { rng, ids, sequences, chunk } = context;
  const female = rng.chance(FEMALE_PROTECTED_PERSON_SHARE);
  const birthDay = birthDayForAge(rng, appliedOn, rng.int(18, 75));
  const id = ids.next();
  chunk.people.persons.push({
    id,
    forceCode,
    pncId: rng.chance(PROTECTED_PERSON_PNC_SHARE) ? sequences.pncId(rng.int(yearOf(birthDay) + 16, yearOf(appliedOn))) : null,
    givenName: rng.pick(givenNames(!female)),
    familyName: rng.pick(FAMILY_NAMES),
    dateOfBirth: rng.chance(PROTECTED_PERSON_DOB_SHARE) ? isoFromDay(birthDay) : null,
  });
  return id;
}

/**
 * s.9 notifications: the first within 3 days of `from` (service of the order,
 * or the application when none was served), later ones as the respondent moves.
 * Notifications that would fall after the dataset's last day are not made.
 */
export function notifyAddresses(context: ChunkContext, personId: string, forceCode: string, from: Day, count: number): void {
  const { rng, ids, until, chunk } = context;
  let notifiedOn = Math.min(from + rng.int(0, NOTIFICATION_PERIOD_DAYS), until);
  for (let i = 0; i < count && notifiedOn <= until; i++) {
    const place = rng.pick(TOWNS_BY_FORCE[forceCode]);
    chunk.people.addresses.push({
      id: ids.next(),
      personId,
      forceCode,
      address: `${rng.int(1, 160)} ${rng.pick(STREET_NAMES)}, ${place}`,
      notifiedOn: isoFromDay(notifiedOn),
      policeStation: `${townName(place)} Police Station`,
    });
    notifiedOn += rng.int(60, 700);
  }
}

/**
 * A bounded sample of earlier respondents (reservoir sampling), so repeat
 * respondents can span many chunks without the generator remembering every
 * person. Only people from this or earlier chunks are offered, so a chunk
 * never refers to a person that has not been written yet.
 */
export class RespondentPool {
  private readonly respondents: Respondent[] = [];
  private seen = 0;

  constructor(private readonly capacity: number) {}

  add(rng: Prng, respondent: Respondent): void {
    this.seen++;
    if (this.respondents.length < this.capacity) {
      this.respondents.push(respondent);
      return;
    }
    const slot = Math.floor(rng.next() * this.seen);
    if (slot < this.capacity) this.respondents[slot] = respondent;
  }

  /**
   * A respondent who may plausibly face a new application on `appliedOn`: at
   * least two months after their last one and not older than 70.
   */
  pickEligible(rng: Prng, appliedOn: Day): Respondent | undefined {
    if (this.respondents.length === 0) return undefined;
    const candidate = rng.pick(this.respondents);
    const eligible = appliedOn >= candidate.lastAppliedOn + 60 && ageOn(candidate.birthDay, appliedOn) <= OLDEST_RESPONDENT_AGE - 1;
    return eligible ? candidate : undefined;
  }
}
