import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { mergeChunks } from "../../dev/dataset/chunk";
import { seedCasesChunk, SEED_CASE_IDS } from "../../dev/dataset/seed-cases";
import { emptyChunk } from "./database";
import { hearing } from "./rows";

const IDS = SEED_CASE_IDS.cheshire;

/**
 * The Cheshire case (seed case 2) as it stood on 1 April 2020, to replay
 * through the API: the interim order made on 12 March 2020 and served, its
 * review of 9 July and the full hearing of 13 August both listed, nothing
 * decided yet — no extension, no full order. Everything else is the seed
 * case's own rows, so the replay must end where the seed case is.
 */
export function cheshireBeforeReview(): DatasetChunk {
  const seed = seedCasesChunk();
  const interimOnly = (orderId: string) => orderId === IDS.interimOrder;
  const interim = seed.orders.orders.find((order) => order.id === IDS.interimOrder)!;
  return {
    people: {
      persons: seed.people.persons.filter((person) => person.forceCode === "07"),
      aliases: [],
      addresses: seed.people.addresses.filter((address) => address.forceCode === "07"),
    },
    orders: {
      orders: [{ ...interim, endedOn: null, endReason: null }],
      protectedPersons: seed.orders.protectedPersons.filter((link) => interimOnly(link.orderId)),
      terms: seed.orders.terms.filter((term) => interimOnly(term.orderId)),
      events: seed.orders.events.filter((event) => interimOnly(event.orderId) && ["APPLIED", "MADE", "SERVED"].includes(event.type)),
    },
    hearings: {
      hearings: seed.hearings.hearings
        .filter((hearing) => hearing.courtCode === "B07ED")
        .map((hearing) =>
          hearing.id === IDS.interimApplicationHearing
            ? hearing
            : { ...hearing, orderId: IDS.interimOrder, status: "LISTED" as const, decision: null, outcomeNote: null },
        ),
    },
    breaches: { breaches: [] },
  };
}

/**
 * The seed cases with one more hearing: a review of the Staffordshire interim
 * order listed at Cannock (B21DA) on 20 November 2026, not yet decided, for
 * tests that record an outcome.
 */
export function seedCasesWithStaffordshireReview(hearingId: string): DatasetChunk {
  const extra = emptyChunk();
  extra.hearings.hearings.push(
    hearing(hearingId, "2026-11-20T10:00:00Z", {
      type: "REVIEW",
      courtCode: "B21DA",
      forceCode: "21",
      orderId: SEED_CASE_IDS.staffordshire.interimOrder,
      respondentId: SEED_CASE_IDS.staffordshire.respondent,
    }),
  );
  return mergeChunks(seedCasesChunk(), extra);
}
