import { parsePncId } from "../../../domain/pnc";
import { findCourt } from "../../../platform/estate";
import { FAMILY_NAMES } from "../names";
import { CHESHIRE_EXCLUSION_AREA, SEED_CASE_IDS, SEED_CASE_REFERENCES, seedCasesChunk } from "../seed-cases";

/*
 * The two published cases of docs/seed-cases.md, checked fact by fact.
 */

const seed = seedCasesChunk();

function person(id: string) {
  const found = seed.people.persons.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no person ${id}`);
  return found;
}

function order(id: string) {
  const found = seed.orders.orders.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no order ${id}`);
  return found;
}

const eventsOf = (orderId: string) =>
  seed.orders.events.filter((event) => event.orderId === orderId).sort((a, b) => a.position - b.position);
const termsOf = (orderId: string, category: "PROHIBITION" | "REQUIREMENT") =>
  seed.orders.terms.filter((term) => term.orderId === orderId && term.category === category).sort((a, b) => a.position - b.position);
const hearingsOf = (orderId: string) => seed.hearings.hearings.filter((hearing) => hearing.orderId === orderId);
const protectedPersonsOf = (orderId: string) =>
  seed.orders.protectedPersons.filter((link) => link.orderId === orderId).map((link) => link.personId);
const addressesOf = (personId: string) => seed.people.addresses.filter((address) => address.personId === personId);

function ageOn(dateOfBirth: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) >= dateOfBirth.slice(5) ? age : age - 1;
}

describe("seed case 1: Staffordshire, the force's first interim order", () => {
  const ids = SEED_CASE_IDS.staffordshire;

  it("is an interim order of Staffordshire Police at Cannock Magistrates' Court, made in February 2020", () => {
    expect(order(ids.interimOrder)).toEqual({
      id: "spo-21-2020-0001",
      reference: SEED_CASE_REFERENCES.staffordshireInterim,
      kind: "INTERIM",
      applicantForceCode: "21",
      courtCode: "B21DA",
      respondentId: ids.respondent,
      appliedOn: "2020-02-18",
      madeOn: "2020-02-20",
      servedOn: "2020-02-21",
      expiresOn: null,
      untilFurtherOrder: false,
      endedOn: null,
      endReason: null,
      supersedesId: null,
    });
    expect(findCourt("B21DA")?.name).toBe("Cannock Magistrates' Court");
    expect(seed.orders.orders.filter((candidate) => candidate.respondentId === ids.respondent)).toHaveLength(1);
  });

  it("names a respondent aged 36 when the order was made, living in Lichfield, with a valid PNC ID", () => {
    const respondent = person(ids.respondent);
    expect(respondent.forceCode).toBe("21");
    expect(ageOn(respondent.dateOfBirth!, "2020-02-20")).toBe(36);
    expect(parsePncId(respondent.pncId!, 2026)).toEqual({ ok: true, pncId: respondent.pncId });
    const addresses = addressesOf(ids.respondent);
    expect(addresses).toHaveLength(1);
    expect(addresses[0].address).toMatch(/, Lichfield, Staffordshire$/);
    expect(addresses[0].forceCode).toBe("21");
    expect(addresses[0].notifiedOn >= "2020-02-21").toBe(true);
  });

  it("protects one woman, and forbids contacting her and nothing else", () => {
    expect(protectedPersonsOf(ids.interimOrder)).toEqual([ids.protectedPerson]);
    expect(person(ids.protectedPerson)).toMatchObject({ forceCode: "21", pncId: null, givenName: "Hannah" });
    const prohibitions = termsOf(ids.interimOrder, "PROHIBITION");
    expect(prohibitions).toHaveLength(1);
    expect(prohibitions[0]).toMatchObject({ position: 0, exclusionArea: null });
    expect(prohibitions[0].description).toMatch(/^Not to contact the protected person, directly or indirectly/);
    expect(termsOf(ids.interimOrder, "REQUIREMENT")).toEqual([]);
  });

  it("has been applied for, made and served, with the conduct noted on the order's making", () => {
    const events = eventsOf(ids.interimOrder);
    expect(events.map((event) => [event.position, event.type, event.occurredOn, event.courtCode])).toEqual([
      [0, "APPLIED", "2020-02-18", "B21DA"],
      [1, "MADE", "2020-02-20", "B21DA"],
      [2, "SERVED", "2020-02-21", null],
    ]);
    const conduct = events[1].note!;
    for (const fact of ["text messages", "social media", "threats of violence", "tracking device", "app"]) {
      expect(conduct).toContain(fact);
    }
    expect(events.every((event) => event.expiresOn === null && event.untilFurtherOrder !== true)).toBe(true);
  });

  it("was made at an interim hearing, and the full application is still undetermined", () => {
    const hearings = hearingsOf(ids.interimOrder);
    expect(hearings.map((hearing) => [hearing.id, hearing.type, hearing.status, hearing.decision, hearing.listedFor])).toEqual([
      [ids.interimApplicationHearing, "INTERIM_APPLICATION", "HEARD", "INTERIM_ORDER_MADE", "2020-02-20T10:00:00+00:00"],
      [ids.fullApplicationHearing, "FULL_APPLICATION", "ADJOURNED", "ADJOURNED", "2020-05-14T10:00:00+01:00"],
    ]);
    expect(hearings.every((hearing) => hearing.courtCode === "B21DA" && hearing.respondentId === ids.respondent)).toBe(true);
    expect(seed.orders.orders.some((candidate) => candidate.supersedesId === ids.interimOrder)).toBe(false);
  });

  it("has no breach: he has not been charged with anything", () => {
    expect(seed.breaches.breaches.filter((breach) => breach.offenderId === ids.respondent)).toEqual([]);
    expect(seed.hearings.hearings.filter((hearing) => hearing.breachId !== null)).toEqual([]);
  });
});

describe("seed case 2: Cheshire, the force's first full order", () => {
  const ids = SEED_CASE_IDS.cheshire;

  it("made an interim order in March 2020, reviewed and extended it in July, and ended it when the full order was made", () => {
    expect(order(ids.interimOrder)).toMatchObject({
      id: "spo-07-2020-0001",
      reference: SEED_CASE_REFERENCES.cheshireInterim,
      kind: "INTERIM",
      applicantForceCode: "07",
      courtCode: "B07ED",
      appliedOn: "2020-03-10",
      madeOn: "2020-03-12",
      expiresOn: null,
      untilFurtherOrder: false,
      endedOn: "2020-08-13",
      endReason: "SUPERSEDED",
      supersedesId: null,
    });
    const events = eventsOf(ids.interimOrder);
    expect(events.map((event) => [event.position, event.type, event.occurredOn])).toEqual([
      [0, "APPLIED", "2020-03-10"],
      [1, "MADE", "2020-03-12"],
      [2, "SERVED", "2020-03-12"],
      [3, "REVIEWED", "2020-07-09"],
      [4, "EXTENDED", "2020-07-09"],
      [5, "SUPERSEDED", "2020-08-13"],
    ]);
    // Extended until the full hearing: still no expiry date.
    expect(events[4]).toMatchObject({ expiresOn: null, untilFurtherOrder: false });
  });

  it("made a five-year full order on 13 August 2020 at Crewe (Cheshire East) that supersedes the interim order", () => {
    expect(order(ids.fullOrder)).toEqual({
      id: "spo-07-2020-0002",
      reference: SEED_CASE_REFERENCES.cheshireFull,
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      respondentId: ids.respondent,
      appliedOn: "2020-03-10",
      madeOn: "2020-08-13",
      servedOn: "2020-08-13",
      expiresOn: "2025-08-13",
      untilFurtherOrder: false,
      endedOn: null,
      endReason: null,
      supersedesId: ids.interimOrder,
    });
    expect(findCourt("B07ED")).toMatchObject({
      name: "Crewe (South Cheshire) Magistrates' Court",
      alsoKnownAs: "Cheshire East Magistrates' Court",
      forceCode: "07",
    });
    const made = eventsOf(ids.fullOrder).find((event) => event.type === "MADE")!;
    expect(made).toMatchObject({ occurredOn: "2020-08-13", courtCode: "B07ED", expiresOn: "2025-08-13", untilFurtherOrder: false });
    expect(eventsOf(ids.fullOrder).map((event) => event.type)).toEqual(["APPLIED", "MADE", "SERVED"]);
  });

  it("names a respondent from Runcorn and protects one woman under both orders", () => {
    const respondent = person(ids.respondent);
    expect(respondent.forceCode).toBe("07");
    expect(parsePncId(respondent.pncId!, 2026)).toEqual({ ok: true, pncId: respondent.pncId });
    const addresses = addressesOf(ids.respondent);
    expect(addresses.map((address) => [address.forceCode, address.address])).toEqual([
      ["07", expect.stringMatching(/, Runcorn, Cheshire$/)],
    ]);
    expect(order(ids.interimOrder).respondentId).toBe(ids.respondent);
    expect(protectedPersonsOf(ids.interimOrder)).toEqual([ids.protectedPerson]);
    expect(protectedPersonsOf(ids.fullOrder)).toEqual([ids.protectedPerson]);
    expect(person(ids.protectedPerson)).toMatchObject({ forceCode: "07", givenName: "Rachel" });
  });

  it("prohibits contact with her, contact with her family and friends, and entering an exclusion area, in that order", () => {
    const prohibitions = termsOf(ids.fullOrder, "PROHIBITION");
    expect(prohibitions.map((term) => term.position)).toEqual([0, 1, 2]);
    expect(prohibitions[0].description).toMatch(/contact or approach the protected person/);
    expect(prohibitions[1].description).toMatch(/family or friends/);
    expect(prohibitions[2].description).toMatch(/exclusion area/);
    expect(prohibitions.map((term) => term.exclusionArea)).toEqual([null, null, CHESHIRE_EXCLUSION_AREA]);
    expect(CHESHIRE_EXCLUSION_AREA).toMatch(/Northwich.*map annexed to the order/);
  });

  it("requires him to hand over devices on request and to give access to passwords and log-in details, in that order", () => {
    const requirements = termsOf(ids.fullOrder, "REQUIREMENT");
    expect(requirements.map((term) => term.position)).toEqual([0, 1]);
    expect(requirements[0].description).toMatch(/hand over any electronic device immediately on request of a police officer/);
    expect(requirements[1].description).toMatch(/passwords and log-in details/);
  });

  it("notes that the force legal services team and public protection unit handled the case", () => {
    const notes = eventsOf(ids.fullOrder)
      .map((event) => event.note ?? "")
      .join(" ");
    expect(notes).toContain("legal services team");
    expect(notes).toContain("public protection unit");
  });

  it("has a heard hearing for each court decision: interim order, extension, full order", () => {
    const hearings = [...hearingsOf(ids.interimOrder), ...hearingsOf(ids.fullOrder)];
    expect(hearings.map((hearing) => [hearing.id, hearing.type, hearing.status, hearing.decision, hearing.listedFor])).toEqual([
      [ids.interimApplicationHearing, "INTERIM_APPLICATION", "HEARD", "INTERIM_ORDER_MADE", "2020-03-12T10:00:00+00:00"],
      [ids.reviewHearing, "REVIEW", "HEARD", "INTERIM_ORDER_EXTENDED", "2020-07-09T10:00:00+01:00"],
      [ids.fullApplicationHearing, "FULL_APPLICATION", "HEARD", "FULL_ORDER_MADE", "2020-08-13T10:00:00+01:00"],
    ]);
    expect(hearings.every((hearing) => hearing.courtCode === "B07ED" && hearing.forceCode === "07")).toBe(true);
  });
});

describe("seed cases: identities and ids", () => {
  it("uses plainly synthetic family names that no synthetic person can share", () => {
    for (const candidate of seed.people.persons) expect(FAMILY_NAMES).not.toContain(candidate.familyName);
  });

  it("names every row by an id listed in SEED_CASE_IDS", () => {
    const listed = new Set<string>(Object.values(SEED_CASE_IDS).flatMap((ids) => Object.values(ids)));
    const used = [
      ...seed.people.persons.map((row) => row.id),
      ...seed.people.addresses.map((row) => row.id),
      ...seed.orders.orders.map((row) => row.id),
      ...seed.hearings.hearings.map((row) => row.id),
    ];
    expect(new Set(used)).toEqual(listed);
  });

  it("returns a fresh copy on every call", () => {
    const first = seedCasesChunk();
    first.orders.orders[0].madeOn = "1999-01-01";
    expect(seedCasesChunk().orders.orders[0].madeOn).toBe("2020-02-20");
  });
});
