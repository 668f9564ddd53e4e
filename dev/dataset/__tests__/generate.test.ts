import { parsePncId } from "../../../domain/pnc";
import { courtsOfForce, findCourt, FORCES } from "../../../platform/estate";
import { mergeChunks } from "../chunk";
import { DEFAULT_UNTIL, generateDataset, GenerateOptions } from "../generate";
import { londonDateTime } from "../london-time";
import { BreachOffenceRow, CourtHearingRow, DatasetChunk, OrderEventRow, OrderRow, PersonRow } from "../../../subgraphs/dataset-chunk";
import { SEED_CASE_IDS, seedCasesChunk } from "../seed-cases";

/*
 * Specifications of the synthetic dataset, checked over a 20,000-order national
 * dataset streamed in five chunks. Dates are compared as ISO strings and date
 * arithmetic is done here with Date.UTC, independently of the generator's own.
 */

const OPTIONS: GenerateOptions = { orders: 20_000, seed: 20200120, chunkSize: 4_000 };
const UNTIL = DEFAULT_UNTIL;
/** Courts publish their lists 8 weeks ahead: the dataset lists hearings up to this many days after `until`. */
const LISTED_AHEAD_DAYS = 56;

let chunks: DatasetChunk[];
let all: DatasetChunk;
let ordersById: Map<string, OrderRow>;
let personsById: Map<string, PersonRow>;
let eventsByOrder: Map<string, OrderEventRow[]>;

beforeAll(() => {
  chunks = [...generateDataset(OPTIONS)];
  all = mergeChunks(...chunks);
  ordersById = new Map(all.orders.orders.map((order) => [order.id, order]));
  personsById = new Map(all.people.persons.map((person) => [person.id, person]));
  eventsByOrder = groupBy(all.orders.events, (event) => event.orderId);
});

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function plusYears(iso: string, years: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

function ageOn(dateOfBirth: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) >= dateOfBirth.slice(5) ? age : age - 1;
}

function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

const ENDING_EVENTS = ["DISCHARGED", "SUPERSEDED", "REFUSED", "WITHDRAWN"];
const EVENT_TYPES = [
  ...["APPLIED", "MADE", "SERVED", "REVIEWED", "VARIED", "RENEWED"],
  ...["EXTENDED", "DISCHARGED", "APPEALED", "SUPERSEDED", "REFUSED", "WITHDRAWN"],
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What an order's summary columns must be, read from its events alone. */
function summaryImpliedBy(events: readonly OrderEventRow[]): Partial<OrderRow> {
  const dateOf = (type: string) => events.find((event) => event.type === type)?.occurredOn ?? null;
  const ending = events.filter((event) => ENDING_EVENTS.includes(event.type)).at(-1);
  const lastExpiry = events.filter((event) => event.untilFurtherOrder !== null).at(-1);
  return {
    appliedOn: dateOf("APPLIED"),
    madeOn: dateOf("MADE"),
    servedOn: dateOf("SERVED"),
    endedOn: ending?.occurredOn ?? null,
    endReason: (ending?.type ?? null) as OrderRow["endReason"],
    expiresOn: lastExpiry?.expiresOn ?? null,
    untilFurtherOrder: lastExpiry?.untilFurtherOrder ?? false,
  };
}

function inForceOn(order: OrderRow, day: string): boolean {
  const { madeOn = null, endedOn = null, expiresOn = null } = order;
  return madeOn !== null && madeOn <= day && (endedOn === null || day < endedOn) && (expiresOn === null || day < expiresOn);
}

describe("generateDataset: shape and reproducibility", () => {
  it("yields the requested synthetic orders plus the three seed-case orders, at most chunkSize synthetic orders a chunk", () => {
    expect(chunks).toHaveLength(5);
    expect(all.orders.orders).toHaveLength(20_003);
    const seedOrders = seedCasesChunk().orders.orders.length;
    chunks.forEach((chunk, index) => {
      const synthetic = chunk.orders.orders.length - (index === 0 ? seedOrders : 0);
      expect(synthetic).toBeLessThanOrEqual(4_000);
      expect(synthetic).toBeGreaterThan(0);
    });
  });

  it("starts the first chunk with the seed cases, table by table", () => {
    const seed = seedCasesChunk();
    const first = chunks[0];
    expect(first.people.persons.slice(0, seed.people.persons.length)).toEqual(seed.people.persons);
    expect(first.people.addresses.slice(0, seed.people.addresses.length)).toEqual(seed.people.addresses);
    expect(first.orders.orders.slice(0, seed.orders.orders.length)).toEqual(seed.orders.orders);
    expect(first.orders.events.slice(0, seed.orders.events.length)).toEqual(seed.orders.events);
    expect(first.orders.terms.slice(0, seed.orders.terms.length)).toEqual(seed.orders.terms);
    expect(first.hearings.hearings.slice(0, seed.hearings.hearings.length)).toEqual(seed.hearings.hearings);
  });

  it("gives identical output for identical options, and different output for another seed", () => {
    const small = { orders: 3_000, seed: 7, chunkSize: 1_000 };
    const first = [...generateDataset(small)];
    expect([...generateDataset(small)]).toEqual(first);
    const other = [...generateDataset({ ...small, seed: 8 })];
    expect(other[0].orders.orders[3]).not.toEqual(first[0].orders.orders[3]);
    expect(other.map((chunk) => chunk.orders.orders.map((order) => order.id))).not.toEqual(
      first.map((chunk) => chunk.orders.orders.map((order) => order.id)),
    );
  });

  it("does not depend on the current date", () => {
    const small = { orders: 1_500, seed: 11, chunkSize: 500 };
    const today = [...generateDataset(small)];
    jest.useFakeTimers({ now: new Date("2041-06-30T12:00:00Z") });
    try {
      expect([...generateDataset(small)]).toEqual(today);
    } finally {
      jest.useRealTimers();
    }
  });

  it("rejects options it cannot honour, naming the option", () => {
    expect(() => generateDataset({ orders: -1, seed: 1 }).next()).toThrow(/orders/);
    expect(() => generateDataset({ orders: 10, seed: 1.5 }).next()).toThrow(/seed/);
    expect(() => generateDataset({ orders: 10, seed: 1, chunkSize: 0 }).next()).toThrow(/chunkSize/);
    expect(() => generateDataset({ orders: 10, seed: 1, until: "2020-06-01" }).next()).toThrow(/until.*2020-08-13/);
    expect(() => generateDataset({ orders: 10, seed: 1, until: "2026-02-30" }).next()).toThrow(/calendar date/);
  });

  it("still yields the seed cases when no synthetic orders are asked for", () => {
    const only = [...generateDataset({ orders: 0, seed: 1 })];
    expect(only).toEqual([seedCasesChunk()]);
  });
});

describe("generateDataset: keys and references", () => {
  it("lets every chunk be inserted as it comes: rows refer only to rows of the same or an earlier chunk", () => {
    const persons = new Set<string>();
    const orders = new Set<string>();
    const breaches = new Set<string>();
    const unresolved: string[] = [];
    const expectKnown = (known: Set<string>, id: string | null, what: string) => {
      if (id !== null && !known.has(id)) unresolved.push(`${what} ${id}`);
    };
    for (const chunk of chunks) {
      chunk.people.persons.forEach((person) => persons.add(person.id));
      chunk.orders.orders.forEach((order) => orders.add(order.id));
      chunk.breaches.breaches.forEach((breach) => breaches.add(breach.id));
      chunk.people.aliases.forEach((alias) => expectKnown(persons, alias.personId, "alias person"));
      chunk.people.addresses.forEach((address) => expectKnown(persons, address.personId, "address person"));
      for (const order of chunk.orders.orders) {
        expectKnown(persons, order.respondentId, "respondent");
        expectKnown(orders, order.supersedesId ?? null, "superseded order");
      }
      chunk.orders.protectedPersons.forEach((link) => {
        expectKnown(orders, link.orderId, "protected order");
        expectKnown(persons, link.personId, "protected person");
      });
      chunk.orders.terms.forEach((term) => expectKnown(orders, term.orderId, "term order"));
      chunk.orders.events.forEach((event) => expectKnown(orders, event.orderId, "event order"));
      for (const hearing of chunk.hearings.hearings) {
        expectKnown(orders, hearing.orderId ?? null, "hearing order");
        expectKnown(persons, hearing.respondentId ?? null, "hearing respondent");
        expectKnown(breaches, hearing.breachId ?? null, "hearing breach");
      }
      for (const breach of chunk.breaches.breaches) {
        expectKnown(orders, breach.orderId ?? null, "breach order");
        expectKnown(persons, breach.offenderId, "offender");
      }
    }
    expect(unresolved).toEqual([]);
  });

  it("never repeats an id, a primary key, an order reference or a case number", () => {
    const ids = [
      ...all.people.persons.map((row) => row.id),
      ...all.people.addresses.map((row) => row.id),
      ...all.orders.orders.map((row) => row.id),
      ...all.hearings.hearings.map((row) => row.id),
      ...all.breaches.breaches.map((row) => row.id),
    ];
    expect(duplicates(ids)).toEqual([]);
    expect(duplicates(all.people.aliases.map((row) => `${row.personId}/${row.position}`))).toEqual([]);
    expect(duplicates(all.orders.protectedPersons.map((row) => `${row.orderId}/${row.personId}`))).toEqual([]);
    expect(duplicates(all.orders.terms.map((row) => `${row.orderId}/${row.category}/${row.position}`))).toEqual([]);
    expect(duplicates(all.orders.events.map((row) => `${row.orderId}/${row.position}`))).toEqual([]);
    expect(duplicates(all.orders.orders.map((row) => row.reference))).toEqual([]);
    expect(duplicates(all.hearings.hearings.map((row) => row.caseNumber))).toEqual([]);
  });

  it("gives synthetic rows opaque UUID-shaped ids that cannot clash with the readable seed-case ids", () => {
    const seedIds = new Set<string>(Object.values(SEED_CASE_IDS).flatMap((ids) => Object.values(ids)));
    const syntheticIds = [...all.people.persons, ...all.orders.orders, ...all.hearings.hearings, ...all.breaches.breaches]
      .map((row) => row.id)
      .filter((id) => !seedIds.has(id));
    expect(syntheticIds.length).toBeGreaterThan(50_000);
    expect(syntheticIds.filter((id) => !UUID.test(id))).toEqual([]);
  });

  it("numbers orders SPO/<applicant force>/<year applied>/<sequence>, in application order within a force and year", () => {
    const malformed = all.orders.orders.filter((order) => {
      const expected = new RegExp(`^SPO/${order.applicantForceCode}/${order.appliedOn!.slice(0, 4)}/\\d{4,}$`);
      return !expected.test(order.reference);
    });
    expect(malformed).toEqual([]);
    for (const orders of groupBy(all.orders.orders, (order) => order.reference.slice(0, 11)).values()) {
      const bySequence = [...orders].sort((a, b) => Number(a.reference.slice(12)) - Number(b.reference.slice(12)));
      const applied = bySequence.map((order) => order.appliedOn!);
      expect(applied).toEqual([...applied].sort());
    }
  });

  it("gives hearings case numbers of the form <court><yy><6 digits>", () => {
    const malformed = all.hearings.hearings.filter(
      (hearing) => !new RegExp(`^${hearing.courtCode}${hearing.listedFor.slice(2, 4)}\\d{6}$`).test(hearing.caseNumber),
    );
    expect(malformed).toEqual([]);
  });

  it("gives respondents unique PNC IDs with valid check characters, and most protected persons none", () => {
    const pncIds = all.people.persons.flatMap((person) => (person.pncId ? [person.pncId] : []));
    expect(duplicates(pncIds)).toEqual([]);
    const invalid = pncIds.filter((pncId) => {
      const parsed = parsePncId(pncId, 2026);
      return !parsed.ok || parsed.pncId !== pncId;
    });
    expect(invalid).toEqual([]);
    const respondentIds = new Set(all.orders.orders.map((order) => order.respondentId));
    const respondents = [...respondentIds].map((id) => personsById.get(id)!);
    const protectedPersons = [...new Set(all.orders.protectedPersons.map((link) => link.personId))].map((id) => personsById.get(id)!);
    const withPnc = (people: PersonRow[]) => people.filter((person) => person.pncId !== null).length / people.length;
    expect(withPnc(respondents)).toBeGreaterThan(0.85);
    expect(withPnc(protectedPersons)).toBeLessThan(0.1);
  });
});

describe("generateDataset: orders and their histories", () => {
  it("keeps every order's summary columns equal to what its events imply", () => {
    const mismatches = all.orders.orders.filter((order) => {
      const implied = summaryImpliedBy(eventsByOrder.get(order.id) ?? []);
      return Object.entries(implied).some(([column, value]) => order[column as keyof OrderRow] !== value);
    });
    expect(mismatches).toEqual([]);
  });

  it("numbers each order's events 0..n in date order, never after `until`, with contract event types only", () => {
    const outOfOrder = [...eventsByOrder.values()].filter((events) =>
      events.some((event, index) => event.position !== index || (index > 0 && event.occurredOn < events[index - 1].occurredOn)),
    );
    expect(outOfOrder).toEqual([]);
    expect(all.orders.events.filter((event) => event.occurredOn > UNTIL)).toEqual([]);
    expect(all.orders.events.filter((event) => !EVENT_TYPES.includes(event.type))).toEqual([]);
    expect(new Set(all.orders.events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES));
  });

  it("starts every order with its application, on or after 2020-01-20, at a court of the applicant force", () => {
    const firstEvents = [...eventsByOrder.values()].map((events) => events[0].type);
    expect(new Set(firstEvents)).toEqual(new Set(["APPLIED"]));
    const outOfRange = all.orders.orders.filter((order) => order.appliedOn! < "2020-01-20" || order.appliedOn! > UNTIL);
    expect(outOfRange).toEqual([]);
    const wrongCourt = all.orders.orders.filter(
      (order) => !courtsOfForce(order.applicantForceCode).some((court) => court.code === order.courtCode),
    );
    expect(wrongCourt).toEqual([]);
  });

  it("makes full orders last at least 2 years unless until further order, and leaves interim orders without expiry", () => {
    const fullOrders = all.orders.orders.filter((order) => order.kind === "FULL" && order.madeOn !== null);
    const tooShort = fullOrders.filter(
      (order) => !order.untilFurtherOrder && (order.expiresOn == null || order.expiresOn < plusYears(order.madeOn!, 2)),
    );
    expect(tooShort).toEqual([]);
    expect(fullOrders.filter((order) => order.untilFurtherOrder && order.expiresOn !== null)).toEqual([]);
    const interims = all.orders.orders.filter((order) => order.kind === "INTERIM");
    expect(interims.filter((order) => order.expiresOn !== null || order.untilFurtherOrder)).toEqual([]);
    const neverChanged = fullOrders.filter((order) =>
      eventsByOrder.get(order.id)!.every((event) => !["VARIED", "RENEWED"].includes(event.type)),
    );
    const durationOf = (order: OrderRow): string => {
      if (order.untilFurtherOrder) return "until further order";
      if (order.expiresOn === plusYears(order.madeOn!, 2)) return "2 years";
      return order.expiresOn === plusYears(order.madeOn!, 5) ? "5 years" : "other";
    };
    const durations = countBy(neverChanged, durationOf);
    expect(durations.get("other")).toBeUndefined();
    expect(durations.get("2 years")!).toBeGreaterThan(durations.get("5 years")!);
    expect(durations.get("5 years")!).toBeGreaterThan(0);
    expect(durations.get("until further order")!).toBeGreaterThan(0);
  });

  it("records expiry changes only on MADE (full), EXTENDED, RENEWED and VARIED events, and lengthens on renewal", () => {
    const expiryEvents = all.orders.events.filter((event) => event.untilFurtherOrder !== null || event.expiresOn !== null);
    const wrongType = expiryEvents.filter((event) => {
      if (event.type === "MADE") return ordersById.get(event.orderId)!.kind !== "FULL";
      return !["EXTENDED", "RENEWED", "VARIED"].includes(event.type);
    });
    expect(wrongType).toEqual([]);
    expect(expiryEvents.filter((event) => event.untilFurtherOrder === null)).toEqual([]);
    for (const renewal of all.orders.events.filter((event) => event.type === "RENEWED")) {
      const earlier = eventsByOrder
        .get(renewal.orderId)!
        .filter((event) => event.position < renewal.position && event.expiresOn !== null)
        .at(-1)!;
      expect(renewal.expiresOn! > earlier.expiresOn!).toBe(true);
      expect(renewal.occurredOn < earlier.expiresOn!).toBe(true);
    }
  });

  it("mostly precedes full orders by an interim order that the full order supersedes on the day it is made", () => {
    const fullOrders = all.orders.orders.filter((order) => order.kind === "FULL" && order.madeOn !== null);
    const superseding = fullOrders.filter((order) => order.supersedesId !== null);
    for (const full of superseding) {
      const interim = ordersById.get(full.supersedesId!)!;
      expect(interim).toMatchObject({
        kind: "INTERIM",
        respondentId: full.respondentId,
        applicantForceCode: full.applicantForceCode,
        endReason: "SUPERSEDED",
        endedOn: full.madeOn,
      });
    }
    const share = superseding.length / fullOrders.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
    const supersededInterims = all.orders.orders.filter((order) => order.endReason === "SUPERSEDED");
    expect(supersededInterims.length).toBe(superseding.length);
  });

  it("includes refused and withdrawn applications never made, ended interims, discharges, renewals and pending applications", () => {
    const neverMade = all.orders.orders.filter((order) => order.madeOn === null);
    const neverMadeEnds = countBy(neverMade, (order) => String(order.endReason));
    expect(neverMadeEnds.get("REFUSED")).toBeGreaterThan(0);
    expect(neverMadeEnds.get("WITHDRAWN")).toBeGreaterThan(0);
    expect(neverMadeEnds.get("null")).toBeGreaterThan(0);
    const interimEnds = countBy(
      all.orders.orders.filter((order) => order.kind === "INTERIM" && order.madeOn !== null),
      (order) => String(order.endReason),
    );
    for (const reason of ["SUPERSEDED", "REFUSED", "WITHDRAWN", "DISCHARGED"]) expect(interimEnds.get(reason)).toBeGreaterThan(0);
    const fullEnds = countBy(
      all.orders.orders.filter((order) => order.kind === "FULL" && order.madeOn !== null),
      (order) => String(order.endReason),
    );
    expect(fullEnds.get("DISCHARGED")).toBeGreaterThan(0);
    expect(neverMade.length / all.orders.orders.length).toBeLessThan(0.1);
  });

  it("spreads orders over time, growing year on year", () => {
    const perYear = countBy(all.orders.orders, (order) => order.appliedOn!.slice(0, 4));
    const years = ["2021", "2022", "2023", "2024", "2025"].map((year) => perYear.get(year) ?? 0);
    years.slice(1).forEach((count, index) => expect(count).toBeGreaterThan(years[index]));
    expect(perYear.get("2020")).toBeGreaterThan(0);
    expect(perYear.get("2026")).toBeGreaterThan(0);
  });

  it("skews orders towards big forces while every force of the dataset (all but the Ministry of Defence Police) applies for some", () => {
    const perForce = countBy(all.orders.orders, (order) => order.applicantForceCode);
    expect(new Set(perForce.keys())).toEqual(new Set(FORCES.map((force) => force.code).filter((code) => code !== "94")));
    const metropolitan = perForce.get("01")!;
    expect(metropolitan).toBeGreaterThan(5 * perForce.get("63")!); // Dyfed-Powys
    expect(metropolitan).toBeGreaterThan(20 * perForce.get("48")!); // City of London
    expect(perForce.get("06")!).toBeGreaterThan(2 * perForce.get("55")!); // Greater Manchester, Dorset
  });

  it("keeps the seed cases first of their kind in their force: no earlier synthetic Staffordshire interim or Cheshire full order", () => {
    const { staffordshire, cheshire } = SEED_CASE_IDS;
    const seedOrderIds = new Set<string>([staffordshire.interimOrder, cheshire.interimOrder, cheshire.fullOrder]);
    const synthetic = all.orders.orders.filter((order) => !seedOrderIds.has(order.id) && order.madeOn !== null);
    const madeBy = (forceCode: string, kind: OrderRow["kind"], onOrBefore: string) =>
      synthetic.filter((order) => order.applicantForceCode === forceCode && order.kind === kind && order.madeOn! <= onOrBefore);
    expect(madeBy("21", "INTERIM", "2020-02-20")).toEqual([]);
    expect(madeBy("07", "FULL", "2020-08-13")).toEqual([]);
    expect(synthetic.some((order) => order.applicantForceCode === "21")).toBe(true);
    expect(synthetic.some((order) => order.applicantForceCode === "07")).toBe(true);
  });

  it("gives each order one or two protected persons of its force and terms starting with a no-contact prohibition", () => {
    const links = groupBy(all.orders.protectedPersons, (link) => link.orderId);
    const wrongPeople = all.orders.orders.filter((order) => {
      const people = links.get(order.id) ?? [];
      const ofOtherForce = people.some((link) => personsById.get(link.personId)!.forceCode !== order.applicantForceCode);
      return people.length < 1 || people.length > 2 || ofOtherForce;
    });
    expect(wrongPeople).toEqual([]);
    const termsByOrder = groupBy(all.orders.terms, (term) => term.orderId);
    const madeWithoutTerms = all.orders.orders.filter((order) => order.madeOn !== null && !termsByOrder.has(order.id));
    expect(madeWithoutTerms).toEqual([]);
    const unmadeWithTerms = all.orders.orders.filter((order) => order.madeOn === null && termsByOrder.has(order.id));
    expect(unmadeWithTerms).toEqual([]);
    const exclusionTerms = all.orders.terms.filter((term) => term.exclusionArea !== null);
    expect(exclusionTerms.length).toBeGreaterThan(0);
    expect(exclusionTerms.every((term) => term.category === "PROHIBITION" && /exclusion area/.test(term.description))).toBe(true);
  });
});

describe("generateDataset: people", () => {
  it("makes respondents 18 to 70 years old on every application against them", () => {
    const outOfRange = all.orders.orders.filter((order) => {
      const age = ageOn(personsById.get(order.respondentId)!.dateOfBirth!, order.appliedOn!);
      return age < 18 || age > 70;
    });
    expect(outOfRange).toEqual([]);
  });

  it("names some respondents in several cases over time (about one case in twenty)", () => {
    const firstOrdersOfCases = all.orders.orders.filter((order) => order.supersedesId === null);
    const casesPerRespondent = countBy(firstOrdersOfCases, (order) => order.respondentId);
    const repeatCases = [...casesPerRespondent.values()].reduce((sum, cases) => sum + cases - 1, 0);
    const share = repeatCases / firstOrdersOfCases.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.08);
    const spanDays = [...groupBy(firstOrdersOfCases, (order) => order.respondentId).values()]
      .filter((orders) => orders.length > 1)
      .map((orders) => (Date.parse(orders.at(-1)!.appliedOn!) - Date.parse(orders[0].appliedOn!)) / 86_400_000);
    expect(Math.max(...spanDays)).toBeGreaterThan(365);
  });

  it("gives about 15% of respondents one or two aliases, and uses accented names", () => {
    const respondentIds = new Set(all.orders.orders.map((order) => order.respondentId));
    const aliasCounts = countBy(all.people.aliases, (alias) => alias.personId);
    const share = [...respondentIds].filter((id) => aliasCounts.has(id)).length / respondentIds.size;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
    expect(Math.max(...aliasCounts.values())).toBe(2);
    const names = new Set(all.people.persons.flatMap((person) => [person.givenName, person.familyName]));
    expect(names.has("Zoë") || names.has("Seán")).toBe(true);
    expect([...names].some((name) => name.normalize("NFD") !== name)).toBe(true);
  });

  it("gives every respondent at least one address notified to the force of one of their orders, never after `until`", () => {
    const addresses = groupBy(all.people.addresses, (address) => address.personId);
    const forcesOf = groupBy(all.orders.orders, (order) => order.respondentId);
    const wrong = [...forcesOf].filter(([respondentId, orders]) => {
      const notified = addresses.get(respondentId) ?? [];
      const forces = new Set(orders.map((order) => order.applicantForceCode));
      return notified.length === 0 || notified.some((address) => !forces.has(address.forceCode) || address.notifiedOn > UNTIL);
    });
    expect(wrong).toEqual([]);
  });
});

describe("generateDataset: hearings", () => {
  it("lists hearings on weekdays at 10:00, 11:30 or 14:00 London time with the right UTC offset", () => {
    const london = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const wrong: string[] = [];
    for (const listedFor of new Set(all.hearings.hearings.map((hearing) => hearing.listedFor))) {
      const match = /^(\d{4}-\d{2}-\d{2})T(10:00|11:30|14:00):00(\+00:00|\+01:00)$/.exec(listedFor);
      if (!match) {
        wrong.push(listedFor);
        continue;
      }
      const parts = Object.fromEntries(london.formatToParts(new Date(listedFor)).map((part) => [part.type, part.value]));
      const wallClock = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
      const weekday = weekdayOf(match[1]);
      if (wallClock !== `${match[1]}T${match[2]}` || weekday === 0 || weekday === 6) wrong.push(listedFor);
    }
    expect(wrong).toEqual([]);
    expect(all.hearings.hearings.some((hearing) => hearing.listedFor.endsWith("+01:00"))).toBe(true);
    expect(all.hearings.hearings.some((hearing) => hearing.listedFor.endsWith("+00:00"))).toBe(true);
  });

  it("switches between GMT and BST on the last Sundays of March and October", () => {
    expect(londonDateTime("2021-03-26", "10:00")).toBe("2021-03-26T10:00:00+00:00");
    expect(londonDateTime("2021-03-28", "10:00")).toBe("2021-03-28T10:00:00+01:00");
    expect(londonDateTime("2021-10-29", "14:00")).toBe("2021-10-29T14:00:00+01:00");
    expect(londonDateTime("2021-10-31", "14:00")).toBe("2021-10-31T14:00:00+00:00");
    expect(londonDateTime("2024-03-29", "11:30")).toBe("2024-03-29T11:30:00+00:00");
    expect(londonDateTime("2024-04-01", "11:30")).toBe("2024-04-01T11:30:00+01:00");
  });

  it("holds order hearings at the order's court, and breach hearings at a court of the hearing's force", () => {
    const wrong = all.hearings.hearings.filter(
      (hearing) =>
        findCourt(hearing.courtCode)?.forceCode !== hearing.forceCode ||
        (hearing.breachId === null && hearing.courtCode !== ordersById.get(hearing.orderId!)!.courtCode),
    );
    expect(wrong).toEqual([]);
  });

  it("has a HEARD hearing with the matching decision for every court decision in an order's history", () => {
    const heard = new Set(
      all.hearings.hearings
        .filter((hearing) => hearing.status === "HEARD")
        .map((hearing) => `${hearing.orderId}|${hearing.listedFor.slice(0, 10)}|${hearing.decision}`),
    );
    const decisionFor = (event: OrderEventRow): string | null => {
      switch (event.type) {
        case "MADE":
          return ordersById.get(event.orderId)!.kind === "INTERIM" ? "INTERIM_ORDER_MADE" : "FULL_ORDER_MADE";
        case "EXTENDED":
          return "INTERIM_ORDER_EXTENDED";
        case "VARIED":
          return "ORDER_VARIED";
        case "RENEWED":
          return "ORDER_RENEWED";
        case "DISCHARGED":
          return "ORDER_DISCHARGED";
        case "REFUSED":
          return "APPLICATION_REFUSED";
        case "WITHDRAWN":
          return "APPLICATION_WITHDRAWN";
        default:
          return null;
      }
    };
    const missing = all.orders.events.filter((event) => {
      const decision = decisionFor(event);
      return decision !== null && !heard.has(`${event.orderId}|${event.occurredOn}|${decision}`);
    });
    expect(missing).toEqual([]);
  });

  it("has held every hearing but LISTED ones by `until`, and lists only the next 8 weeks, without outcomes", () => {
    const late = all.hearings.hearings.filter((hearing) => hearing.status !== "LISTED" && hearing.listedFor.slice(0, 10) > UNTIL);
    expect(late).toEqual([]);
    const listed = all.hearings.hearings.filter((hearing) => hearing.status === "LISTED");
    expect(listed.length).toBeGreaterThan(0);
    const outOfWindowOrResulted = listed.filter(
      (hearing) =>
        hearing.listedFor.slice(0, 10) <= UNTIL ||
        hearing.listedFor.slice(0, 10) > plusDays(UNTIL, LISTED_AHEAD_DAYS) ||
        hearing.decision !== null ||
        hearing.outcomeNote !== null,
    );
    expect(outOfWindowOrResulted).toEqual([]);
    const statuses = countBy(all.hearings.hearings, (hearing) => hearing.status);
    expect(statuses.get("ADJOURNED")).toBeGreaterThan(0);
    expect(statuses.get("VACATED")).toBeGreaterThan(0);
    expect(statuses.get("VACATED")!).toBeLessThan(statuses.get("ADJOURNED")!);
  });
});

describe("generateDataset: breaches", () => {
  let breaches: BreachOffenceRow[];
  let hearingsByBreach: Map<string, CourtHearingRow[]>;
  beforeAll(() => {
    breaches = all.breaches.breaches;
    hearingsByBreach = groupBy(
      all.hearings.hearings.filter((hearing) => hearing.breachId !== null),
      (hearing) => hearing.breachId!,
    );
  });

  it("occur at about the configured rate per made order", () => {
    const made = all.orders.orders.filter((order) => order.madeOn !== null).length;
    expect(breaches.length / made).toBeGreaterThan(0.08);
    expect(breaches.length / made).toBeLessThan(0.2);
    const none = [...generateDataset({ orders: 1_000, seed: 5, breachRate: 0 })].flatMap((chunk) => chunk.breaches.breaches);
    expect(none).toEqual([]);
  });

  it("are committed only while the order was in force, by its respondent, and reported by `until`", () => {
    const wrong = breaches.filter((breach) => {
      const order = ordersById.get(breach.orderId!)!;
      return (
        !inForceOn(order, breach.occurredOn) ||
        order.servedOn == null ||
        breach.occurredOn < order.servedOn ||
        breach.offenderId !== order.respondentId ||
        breach.orderForceCode !== order.applicantForceCode ||
        breach.reportedOn < breach.occurredOn ||
        breach.reportedOn > UNTIL
      );
    });
    expect(wrong).toEqual([]);
    const reportedByOrderForce = breaches.filter((breach) => breach.reportingForceCode === breach.orderForceCode).length;
    expect(reportedByOrderForce / breaches.length).toBeGreaterThan(0.8);
  });

  it("use offence code ST19001 for breaches of an order, and include notification offences", () => {
    const wrongCode = breaches.filter((breach) => breach.offenceCode !== (breach.offenceType === "BREACH_OF_ORDER" ? "ST19001" : null));
    expect(wrongCode).toEqual([]);
    const types = countBy(breaches, (breach) => breach.offenceType);
    expect(types.get("BREACH_OF_ORDER")!).toBeGreaterThan(types.get("NOTIFICATION_FAILURE")!);
    expect(types.get("FALSE_NOTIFICATION")).toBeGreaterThan(0);
  });

  it("have statuses that fit their age: old reports decided, recent ones still open", () => {
    const yearBeforeUntil = plusDays(UNTIL, -365);
    const monthBeforeUntil = plusDays(UNTIL, -30);
    const open = ["REPORTED", "UNDER_INVESTIGATION"];
    expect(breaches.filter((breach) => breach.reportedOn < yearBeforeUntil && open.includes(breach.status))).toEqual([]);
    expect(breaches.filter((breach) => breach.reportedOn > monthBeforeUntil && !open.includes(breach.status))).toEqual([]);
    const statuses = countBy(breaches, (breach) => breach.status);
    for (const status of ["REPORTED", "UNDER_INVESTIGATION", "CHARGED", "NO_FURTHER_ACTION", "CONVICTED", "ACQUITTED"]) {
      expect(statuses.get(status)).toBeGreaterThan(0);
    }
  });

  it("record a decision date for convictions and acquittals, and a sentence within the legal maxima for convictions", () => {
    const wrongDecision = breaches.filter((breach) => {
      const decided = breach.status === "CONVICTED" || breach.status === "ACQUITTED";
      const decidedInRange = breach.decidedOn != null && breach.reportedOn <= breach.decidedOn && breach.decidedOn <= UNTIL;
      return decided !== decidedInRange || (breach.sentence !== null) !== (breach.status === "CONVICTED");
    });
    expect(wrongDecision).toEqual([]);
    const sentences = new Set(breaches.flatMap((breach) => (breach.sentence ? [breach.sentence] : [])));
    expect(sentences.size).toBeGreaterThan(5);
    for (const sentence of sentences) {
      const weeks = /(\d+) weeks' imprisonment/.exec(sentence);
      const months = /(\d+) months' imprisonment/.exec(sentence);
      const years = /(\d+) years' imprisonment/.exec(sentence);
      if (weeks) expect(Number(weeks[1])).toBeLessThanOrEqual(52); // magistrates: 12 months at most
      if (months) expect(Number(months[1])).toBeLessThanOrEqual(12);
      if (years) {
        expect(sentence).toMatch(/Crown Court/); // beyond 12 months only on indictment
        expect(Number(years[1])).toBeLessThanOrEqual(5);
      }
    }
  });

  it("have court hearings once charged: a first appearance, the deciding hearing, and a sentence on conviction", () => {
    /** What is wrong with a breach's hearings, or null. */
    const problemWith = (breach: BreachOffenceRow): string | null => {
      const hearings = hearingsByBreach.get(breach.id) ?? [];
      const types = hearings.map((hearing) => hearing.type);
      if (["REPORTED", "UNDER_INVESTIGATION", "NO_FURTHER_ACTION"].includes(breach.status)) {
        return hearings.length === 0 ? null : "hearings before any charge";
      }
      const misplaced = hearings.some(
        (hearing) =>
          hearing.orderId !== breach.orderId ||
          hearing.respondentId !== breach.offenderId ||
          !courtsOfForce(breach.reportingForceCode).some((court) => court.code === hearing.courtCode),
      );
      if (misplaced) return "hearing of another order, person or force";
      if (breach.status === "CHARGED") {
        // Charged and not yet tried: its first appearance, held or listed, and perhaps its trial listed ahead.
        const trials = hearings.filter((hearing) => hearing.type === "BREACH_TRIAL");
        if (!types.every((type) => type === "BREACH_FIRST_APPEARANCE" || type === "BREACH_TRIAL")) return "charged breach past its trial";
        return trials.every((trial) => trial.status === "LISTED") ? null : "charged breach with a trial held";
      }
      if (!types.includes("BREACH_FIRST_APPEARANCE")) return "no first appearance";
      const deciding = hearings.filter((hearing) => hearing.decision !== null);
      if (deciding.length !== 1) return `${deciding.length} deciding hearings`;
      const [decision] = deciding;
      if (decision.status !== "HEARD" || decision.decision !== breach.status) return "decision differs from status";
      if (decision.listedFor.slice(0, 10) !== breach.decidedOn) return "decided on another day";
      if (breach.status === "ACQUITTED") return types.includes("BREACH_TRIAL") ? null : "acquitted without trial";
      const sentencing = hearings.find((hearing) => hearing.type === "BREACH_SENTENCE");
      if (!sentencing?.outcomeNote?.includes(breach.sentence!)) return "no sentencing hearing with the sentence";
      return sentencing.listedFor > decision.listedFor ? null : "sentenced before conviction";
    };
    const problems = breaches.flatMap((breach) => {
      const problem = problemWith(breach);
      return problem ? [`${breach.id} (${breach.status}): ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    const charged = breaches.filter((breach) => breach.status === "CHARGED");
    expect(charged.some((breach) => hearingsByBreach.has(breach.id))).toBe(true);
  });
});

describe("generateDataset: the court lists of the coming weeks", () => {
  const LAST_LISTED_DAY = plusDays(UNTIL, LISTED_AHEAD_DAYS);
  const dayOf = (hearing: CourtHearingRow) => hearing.listedFor.slice(0, 10);
  let upcoming: CourtHearingRow[];
  let breachesById: Map<string, BreachOffenceRow>;
  beforeAll(() => {
    upcoming = all.hearings.hearings.filter((hearing) => dayOf(hearing) > UNTIL);
    breachesById = new Map(all.breaches.breaches.map((breach) => [breach.id, breach]));
  });

  /** Weekdays from `from` to `to`, both inclusive. */
  function weekdaysBetween(from: string, to: string): string[] {
    const days: string[] = [];
    for (let day = from; day <= to; day = plusDays(day, 1)) if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) days.push(day);
    return days;
  }

  it("lists hearings on every weekday of the next 8 weeks, in every one of those weeks", () => {
    const window = weekdaysBetween(plusDays(UNTIL, 1), LAST_LISTED_DAY);
    expect(window).toHaveLength(40);
    const perDay = countBy(upcoming, dayOf);
    expect(window.filter((day) => !perDay.has(day))).toEqual([]);
    const perWeek = window.reduce(
      (weeks, day, index) => {
        weeks[Math.floor(index / 5)] += perDay.get(day) ?? 0;
        return weeks;
      },
      Array(8).fill(0) as number[],
    );
    // Lists fill up as applications come in: the later weeks are thinner, but none is nearly empty.
    for (const week of perWeek) expect(week).toBeGreaterThan(Math.max(...perWeek) / 3);
  });

  it("lists the business courts list weeks ahead: applications, reviews, variations, renewals, discharges, breach appearances and trials", () => {
    const types = countBy(upcoming, (hearing) => hearing.type);
    const expected = [
      "INTERIM_APPLICATION",
      "FULL_APPLICATION",
      "REVIEW",
      "VARIATION",
      "RENEWAL",
      "DISCHARGE",
      "BREACH_FIRST_APPEARANCE",
      "BREACH_TRIAL",
    ];
    expect(expected.filter((type) => !types.has(type))).toEqual([]);
    // Appeals go to the Crown Court and sentences follow a conviction: neither is listed ahead of a decision.
    expect([...types.keys()].filter((type) => !expected.includes(type))).toEqual([]);
  });

  it("lists each hearing for an order (or a breach) in the state that hearing needs on its day", () => {
    const supersededIds = new Set(all.orders.orders.flatMap((order) => (order.supersedesId ? [order.supersedesId] : [])));
    /** What is wrong with an upcoming hearing given its order (and breach), or null. */
    const problemWith = (hearing: CourtHearingRow): string | null => {
      const order = ordersById.get(hearing.orderId!)!;
      const day = dayOf(hearing);
      const awaitingDecision = order.madeOn === null && order.endedOn === null;
      switch (hearing.type) {
        case "INTERIM_APPLICATION":
          return order.kind === "INTERIM" && awaitingDecision ? null : "interim application for an order already decided";
        case "FULL_APPLICATION":
          if (order.kind === "FULL") return awaitingDecision ? null : "full application for an order already decided";
          return inForceOn(order, day) && !supersededIds.has(order.id) ? null : "full application on an interim order not in force";
        case "REVIEW":
          return order.kind === "INTERIM" && inForceOn(order, day) ? null : "review of an order that is no interim in force";
        case "VARIATION":
        case "DISCHARGE":
          return inForceOn(order, day) ? null : `${hearing.type.toLowerCase()} of an order not in force`;
        case "RENEWAL":
          return order.kind === "FULL" && order.expiresOn !== null && inForceOn(order, day)
            ? null
            : "renewal of no full order in force with an expiry";
        case "BREACH_FIRST_APPEARANCE":
        case "BREACH_TRIAL": {
          const breach = breachesById.get(hearing.breachId ?? "");
          if (!breach || breach.orderId !== order.id) return "breach hearing without its breach";
          return breach.status === "CHARGED" && breach.decidedOn === null ? null : `breach hearing for a ${breach.status} breach`;
        }
        default:
          return `${hearing.type} listed ahead`;
      }
    };
    const problems = upcoming.flatMap((hearing) => {
      const problem = problemWith(hearing);
      return problem ? [`${hearing.id} ${hearing.type} on ${dayOf(hearing)}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    const listedTwice = duplicates(upcoming.map((hearing) => `${hearing.orderId}|${hearing.breachId}|${hearing.type}`));
    expect(listedTwice).toEqual([]);
  });

  it("lists a breach trial only after the first appearance at which the plea was entered", () => {
    const heardFirstAppearance = new Map(
      all.hearings.hearings
        .filter((hearing) => hearing.type === "BREACH_FIRST_APPEARANCE" && hearing.status === "HEARD")
        .map((hearing) => [hearing.breachId!, dayOf(hearing)]),
    );
    const trials = upcoming.filter((hearing) => hearing.type === "BREACH_TRIAL");
    expect(trials.filter((trial) => !(heardFirstAppearance.get(trial.breachId!)! < dayOf(trial)))).toEqual([]);
  });

  it("lists no more at a court on a day than courts heard in the 8 weeks before, and at least a third as much overall", () => {
    const perCourtDay = (hearings: CourtHearingRow[]) => [
      ...countBy(hearings, (hearing) => `${hearing.courtCode} ${dayOf(hearing)}`).values(),
    ];
    const heardBefore = all.hearings.hearings.filter(
      (hearing) => dayOf(hearing) <= UNTIL && dayOf(hearing) > plusDays(UNTIL, -LISTED_AHEAD_DAYS),
    );
    const ahead = perCourtDay(upcoming);
    const before = perCourtDay(heardBefore);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(Math.max(...before));
    expect(upcoming.length).toBeLessThanOrEqual(heardBefore.length);
    expect(upcoming.length).toBeGreaterThan(heardBefore.length / 3);
  });

  it("gives the busiest court a list on most days of each coming week", () => {
    const [busiest] = [...countBy(upcoming, (hearing) => hearing.courtCode).entries()].sort((a, b) => b[1] - a[1])[0];
    const busiestDays = new Set(upcoming.filter((hearing) => hearing.courtCode === busiest).map(dayOf));
    const window = weekdaysBetween(plusDays(UNTIL, 1), LAST_LISTED_DAY);
    const daysSittingPerWeek = Array.from(
      { length: 8 },
      (_, week) => window.slice(week * 5, week * 5 + 5).filter((day) => busiestDays.has(day)).length,
    );
    expect(daysSittingPerWeek.filter((days) => days < 3)).toEqual([]);
  });
});

describe("generateDataset with an earlier `until`", () => {
  const until = "2022-03-31";
  let early: DatasetChunk;
  beforeAll(() => {
    early = mergeChunks(...generateDataset({ orders: 3_000, seed: 99, until, chunkSize: 1_000 }));
  });

  it("records nothing after `until` and leaves the cases that were still running open", () => {
    expect(early.orders.events.filter((event) => event.occurredOn > until)).toEqual([]);
    expect(early.orders.orders.filter((order) => order.appliedOn! > until)).toEqual([]);
    expect(early.breaches.breaches.filter((breach) => breach.reportedOn > until)).toEqual([]);
    expect(early.people.addresses.filter((address) => address.notifiedOn > until)).toEqual([]);
    expect(early.hearings.hearings.filter((hearing) => hearing.status !== "LISTED" && hearing.listedFor.slice(0, 10) > until)).toEqual([]);
    const pendingApplications = early.orders.orders.filter((order) => order.madeOn === null && order.endedOn === null);
    expect(pendingApplications.length).toBeGreaterThan(0);
    const interimsAwaitingFullHearing = early.orders.orders.filter(
      (order) => order.kind === "INTERIM" && order.madeOn !== null && order.endedOn === null,
    );
    expect(interimsAwaitingFullHearing.length).toBeGreaterThan(0);
  });
});
