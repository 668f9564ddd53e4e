import { formatPncId } from "../../domain/pnc";
import { mergeChunks } from "./chunk";
import { DatasetChunk } from "../../subgraphs/dataset-chunk";
import type { CourtDecision, HearingType, OrderEventType } from "../../domain/vocabulary";

/**
 * The two published cases of docs/seed-cases.md (Staffordshire Police,
 * 12 March 2020; Cheshire Constabulary, 26 August 2020), written out row by
 * row so they can be checked against the source by eye. The people in them
 * were not named in public: names, dates of birth, PNC IDs and street
 * addresses are invented and plainly synthetic; the towns, courts, dates,
 * order kinds and terms are the published facts. The Cheshire exclusion area
 * was not published; the one below is illustrative.
 */
export const SEED_CASE_IDS = {
  staffordshire: {
    respondent: "person-21-respondent-1",
    protectedPerson: "person-21-protected-1",
    respondentAddress: "address-21-respondent-1-1",
    interimOrder: "spo-21-2020-0001",
    interimApplicationHearing: "hearing-21-2020-0001",
    fullApplicationHearing: "hearing-21-2020-0002",
  },
  cheshire: {
    respondent: "person-07-respondent-1",
    protectedPerson: "person-07-protected-1",
    respondentAddress: "address-07-respondent-1-1",
    interimOrder: "spo-07-2020-0001",
    fullOrder: "spo-07-2020-0002",
    interimApplicationHearing: "hearing-07-2020-0001",
    reviewHearing: "hearing-07-2020-0002",
    fullApplicationHearing: "hearing-07-2020-0003",
  },
} as const;

export const SEED_CASE_REFERENCES = {
  staffordshireInterim: "SPO/21/2020/0001",
  cheshireInterim: "SPO/07/2020/0001",
  cheshireFull: "SPO/07/2020/0002",
} as const;

/** Serials below 1,000,000 are never issued to synthetic people (see sequences.ts). */
const STAFFORDSHIRE_RESPONDENT_PNC = formatPncId(2003, 271_828);
const CHESHIRE_RESPONDENT_PNC = formatPncId(2001, 314_159);

const CANNOCK = "B21DA";
const CREWE = "B07ED";

export const CHESHIRE_EXCLUSION_AREA =
  "The area of Northwich town centre bounded by the A533, the A559 and the River Weaver, as shown edged red on the map annexed to the order";

function staffordshireCase(): DatasetChunk {
  const ids = SEED_CASE_IDS.staffordshire;
  return {
    people: {
      persons: [
        {
          id: ids.respondent,
          forceCode: "21",
          pncId: STAFFORDSHIRE_RESPONDENT_PNC,
          givenName: "Craig",
          familyName: "Exampleton",
          // Aged 36 when the order was made on 2020-02-20.
          dateOfBirth: "1983-07-14",
        },
        { id: ids.protectedPerson, forceCode: "21", pncId: null, givenName: "Hannah", familyName: "Sampleford", dateOfBirth: null },
      ],
      aliases: [],
      addresses: [
        {
          id: ids.respondentAddress,
          personId: ids.respondent,
          forceCode: "21",
          address: "12 Example Close, Lichfield, Staffordshire",
          notifiedOn: "2020-02-24",
          policeStation: "Lichfield Police Station",
        },
      ],
    },
    orders: {
      orders: [
        {
          id: ids.interimOrder,
          reference: SEED_CASE_REFERENCES.staffordshireInterim,
          kind: "INTERIM",
          applicantForceCode: "21",
          courtCode: CANNOCK,
          respondentId: ids.respondent,
          appliedOn: "2020-02-18",
          madeOn: "2020-02-20",
          servedOn: "2020-02-21",
          // An interim order lasts until the full application is determined.
          expiresOn: null,
          untilFurtherOrder: false,
          endedOn: null,
          endReason: null,
          supersedesId: null,
        },
      ],
      protectedPersons: [{ orderId: ids.interimOrder, personId: ids.protectedPerson }],
      terms: [
        {
          orderId: ids.interimOrder,
          category: "PROHIBITION",
          position: 0,
          description: "Not to contact the protected person, directly or indirectly, by any means",
          exclusionArea: null,
        },
      ],
      events: [
        {
          orderId: ids.interimOrder,
          position: 0,
          type: "APPLIED",
          occurredOn: "2020-02-18",
          courtCode: CANNOCK,
          note: "Application for a stalking protection order; a criminal investigation is ongoing and the respondent has not been charged.",
          expiresOn: null,
          untilFurtherOrder: null,
        },
        {
          orderId: ids.interimOrder,
          position: 1,
          type: "MADE",
          occurredOn: "2020-02-20",
          courtCode: CANNOCK,
          note:
            "First interim order for Staffordshire Police. Conduct relied on: repeated unwanted text messages, contact on social media, " +
            "threats of violence, a tracking device fitted to her car and a phone app used to monitor her movements.",
          expiresOn: null,
          untilFurtherOrder: null,
        },
        {
          orderId: ids.interimOrder,
          position: 2,
          type: "SERVED",
          occurredOn: "2020-02-21",
          courtCode: null,
          note: null,
          expiresOn: null,
          untilFurtherOrder: null,
        },
      ],
    },
    hearings: {
      hearings: [
        {
          id: ids.interimApplicationHearing,
          caseNumber: "B21DA20000001",
          courtCode: CANNOCK,
          forceCode: "21",
          type: "INTERIM_APPLICATION",
          status: "HEARD",
          listedFor: "2020-02-20T10:00:00+00:00",
          courtroom: "Courtroom 1",
          orderId: ids.interimOrder,
          respondentId: ids.respondent,
          breachId: null,
          decision: "INTERIM_ORDER_MADE",
          outcomeNote: "Interim order made until the full application is determined.",
        },
        {
          id: ids.fullApplicationHearing,
          caseNumber: "B21DA20000002",
          courtCode: CANNOCK,
          forceCode: "21",
          type: "FULL_APPLICATION",
          status: "ADJOURNED",
          listedFor: "2020-05-14T10:00:00+01:00",
          courtroom: "Courtroom 1",
          orderId: ids.interimOrder,
          respondentId: ids.respondent,
          breachId: null,
          decision: "ADJOURNED",
          outcomeNote: "Adjourned pending the criminal investigation; the interim order continues.",
        },
      ],
    },
    breaches: { breaches: [] },
  };
}

const CHESHIRE_LEGAL_TEAM_NOTE = "Handled by the force legal services team with the public protection unit.";

function cheshireCase(): DatasetChunk {
  const ids = SEED_CASE_IDS.cheshire;
  const prohibitions = [
    { description: "Not to contact or approach the protected person, directly or indirectly, by any means", exclusionArea: null },
    { description: "Not to contact or interact with the protected person's family or friends", exclusionArea: null },
    { description: "Not to enter the exclusion area", exclusionArea: CHESHIRE_EXCLUSION_AREA },
  ];
  const requirements = [
    "To hand over any electronic device immediately on request of a police officer",
    "To give a police officer access to the passwords and log-in details of any electronic device or online account",
  ];
  // The interim order's terms were not published; it carries the terms sought in the application.
  const termsOf = (orderId: string): DatasetChunk["orders"]["terms"] => [
    ...prohibitions.map((term, position) => ({ orderId, category: "PROHIBITION" as const, position, ...term })),
    ...requirements.map((description, position) => ({
      orderId,
      category: "REQUIREMENT" as const,
      position,
      description,
      exclusionArea: null,
    })),
  ];
  const event = (
    orderId: string,
    position: number,
    type: `${OrderEventType}`,
    occurredOn: string,
    details: { courtCode?: string; note?: string; expiresOn?: string | null; untilFurtherOrder?: boolean } = {},
  ): DatasetChunk["orders"]["events"][number] => ({
    orderId,
    position,
    type,
    occurredOn,
    courtCode: details.courtCode ?? null,
    note: details.note ?? null,
    expiresOn: details.expiresOn ?? null,
    untilFurtherOrder: details.untilFurtherOrder ?? null,
  });
  const hearing = (
    id: string,
    caseNumber: string,
    type: `${HearingType}`,
    listedFor: string,
    orderId: string,
    decision: `${CourtDecision}`,
    outcomeNote: string,
  ): DatasetChunk["hearings"]["hearings"][number] => ({
    id,
    caseNumber,
    courtCode: CREWE,
    forceCode: "07",
    type,
    status: "HEARD",
    listedFor,
    courtroom: "Courtroom 2",
    orderId,
    respondentId: ids.respondent,
    breachId: null,
    decision,
    outcomeNote,
  });

  return {
    people: {
      persons: [
        {
          id: ids.respondent,
          forceCode: "07",
          pncId: CHESHIRE_RESPONDENT_PNC,
          givenName: "Lee",
          familyName: "Fictionby",
          dateOfBirth: "1982-11-04",
        },
        { id: ids.protectedPerson, forceCode: "07", pncId: null, givenName: "Rachel", familyName: "Demoworth", dateOfBirth: null },
      ],
      aliases: [],
      addresses: [
        {
          id: ids.respondentAddress,
          personId: ids.respondent,
          forceCode: "07",
          address: "7 Sample Street, Runcorn, Cheshire",
          notifiedOn: "2020-03-13",
          policeStation: "Runcorn Police Station",
        },
      ],
    },
    orders: {
      orders: [
        {
          id: ids.interimOrder,
          reference: SEED_CASE_REFERENCES.cheshireInterim,
          kind: "INTERIM",
          applicantForceCode: "07",
          courtCode: CREWE,
          respondentId: ids.respondent,
          appliedOn: "2020-03-10",
          madeOn: "2020-03-12",
          servedOn: "2020-03-12",
          expiresOn: null,
          untilFurtherOrder: false,
          endedOn: "2020-08-13",
          endReason: "SUPERSEDED",
          supersedesId: null,
        },
        {
          id: ids.fullOrder,
          reference: SEED_CASE_REFERENCES.cheshireFull,
          kind: "FULL",
          applicantForceCode: "07",
          courtCode: CREWE,
          respondentId: ids.respondent,
          appliedOn: "2020-03-10",
          madeOn: "2020-08-13",
          servedOn: "2020-08-13",
          expiresOn: "2025-08-13",
          untilFurtherOrder: false,
          endedOn: null,
          endReason: null,
          supersedesId: ids.interimOrder,
        },
      ],
      protectedPersons: [
        { orderId: ids.interimOrder, personId: ids.protectedPerson },
        { orderId: ids.fullOrder, personId: ids.protectedPerson },
      ],
      terms: [...termsOf(ids.interimOrder), ...termsOf(ids.fullOrder)],
      events: [
        event(ids.interimOrder, 0, "APPLIED", "2020-03-10", { courtCode: CREWE, note: CHESHIRE_LEGAL_TEAM_NOTE }),
        event(ids.interimOrder, 1, "MADE", "2020-03-12", {
          courtCode: CREWE,
          note: "Interim order made pending the full hearing.",
        }),
        event(ids.interimOrder, 2, "SERVED", "2020-03-12", { note: "Served on the respondent at court." }),
        event(ids.interimOrder, 3, "REVIEWED", "2020-07-09", { courtCode: CREWE }),
        event(ids.interimOrder, 4, "EXTENDED", "2020-07-09", {
          courtCode: CREWE,
          note: "Interim order extended until the full hearing.",
          expiresOn: null,
          untilFurtherOrder: false,
        }),
        event(ids.interimOrder, 5, "SUPERSEDED", "2020-08-13", {
          courtCode: CREWE,
          note: `Superseded by full order ${SEED_CASE_REFERENCES.cheshireFull}.`,
        }),
        event(ids.fullOrder, 0, "APPLIED", "2020-03-10", { courtCode: CREWE, note: CHESHIRE_LEGAL_TEAM_NOTE }),
        event(ids.fullOrder, 1, "MADE", "2020-08-13", {
          courtCode: CREWE,
          note: `First full order for Cheshire Constabulary, made for five years. ${CHESHIRE_LEGAL_TEAM_NOTE}`,
          expiresOn: "2025-08-13",
          untilFurtherOrder: false,
        }),
        event(ids.fullOrder, 2, "SERVED", "2020-08-13", { note: "Served on the respondent at court." }),
      ],
    },
    hearings: {
      hearings: [
        hearing(
          ids.interimApplicationHearing,
          "B07ED20000001",
          "INTERIM_APPLICATION",
          "2020-03-12T10:00:00+00:00",
          ids.interimOrder,
          "INTERIM_ORDER_MADE",
          "Interim order made pending the full hearing.",
        ),
        hearing(
          ids.reviewHearing,
          "B07ED20000002",
          "REVIEW",
          "2020-07-09T10:00:00+01:00",
          ids.interimOrder,
          "INTERIM_ORDER_EXTENDED",
          "Interim order reviewed and extended until the full hearing.",
        ),
        hearing(
          ids.fullApplicationHearing,
          "B07ED20000003",
          "FULL_APPLICATION",
          "2020-08-13T10:00:00+01:00",
          ids.fullOrder,
          "FULL_ORDER_MADE",
          "Full order made for five years; supersedes the interim order.",
        ),
      ],
    },
    breaches: { breaches: [] },
  };
}

/** A fresh copy of the seed cases on every call, so callers may mutate it. */
export function seedCasesChunk(): DatasetChunk {
  return mergeChunks(staffordshireCase(), cheshireCase());
}
