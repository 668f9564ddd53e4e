import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { findAuditRecords } from "../platform/audit/store";
import type { AuditRecord } from "../platform/audit/record";
import { callersFor, CHESHIRE, STAFFORDSHIRE } from "./support/access-spec";
import { EVERY_SCOPE_NATIONAL, principalFor } from "./support/identity";
import { composedApiSchema, readEverythingFrom } from "./support/read-everything";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * The gateway keeps the authorization filter's outcome per authorization shape
 * (document, operation name, scope set, mode) and the audit trail's keyed
 * document per document. Attacker-style: a caller holding every scope asks
 * first, so the cache holds its (widest) outcome, then every persona, in and
 * out of jurisdiction, asks the same document. Each must get exactly what the
 * same operation gets uncached — the same text with a comment of its own is a
 * document the gateway has never seen — and the same audit record.
 */
describe("the authorization filter's cache per authorization shape", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The answer as a client acts on it; errors as a set (their order follows which subgraph answered first). */
  const answerOf = (response: GraphQLHttpResponse) => ({
    status: response.status,
    data: response.body.data,
    errors: (response.body.errors ?? []).map((error) => JSON.stringify(error)).sort(),
  });

  /** What the record says about the consultation; not its id, time, chain links or the document text (the comment differs). */
  const consultationOf = async (response: GraphQLHttpResponse) => {
    const records = await findAuditRecords(stack.audit.db, { limit: 100_000 });
    const record = records.find((candidate) => candidate.requestId === response.requestId);
    if (!record) return null;
    const {
      seq: _seq,
      hash: _hash,
      prevHash: _prevHash,
      recordedAt: _at,
      requestId: _id,
      document: _document,
      documentHash: _documentHash,
      ...rest
    } = record as AuditRecord;
    return rest;
  };

  it("gives every persona after a wider caller exactly its uncached answer and audit record", async () => {
    const schema = await composedApiSchema();
    const inner = (text: string) => text.slice(1, -1);
    const document = `{ ${inner(readEverythingFrom(schema, "order", `id: "${CHESHIRE.orderId}"`, 3))} ${inner(
      readEverythingFrom(schema, "person", `id: "${CHESHIRE.respondentId}"`, 3),
    )} }`;
    const widest = await stack.query(document, {}, EVERY_SCOPE_NATIONAL);
    expect(widest.status).toBe(200);
    expect(widest.body.data?.order?.protectedPersons).not.toBeNull();

    for (const caller of callersFor(CHESHIRE, STAFFORDSHIRE)) {
      const principal = principalFor(caller.persona, caller.jurisdiction, `test-${caller.label}`);
      const uncached = await stack.query(`${document}\n# asked afresh by ${caller.label}`, {}, principal);
      const first = await stack.query(document, {}, principal);
      const hitsBefore = stack.authorizationShapes().hits;
      const second = await stack.query(document, {}, principal);

      expect(stack.authorizationShapes().hits).toBeGreaterThan(hitsBefore);
      for (const cached of [first, second]) {
        expect({ caller: caller.label, ...answerOf(cached) }).toEqual({ caller: caller.label, ...answerOf(uncached) });
        expect(await consultationOf(cached)).toEqual(await consultationOf(uncached));
      }
    }
  });

  it("shares an entry between callers with the same scopes, each still answered within its own jurisdiction", async () => {
    const document = `{ order(id: "${CHESHIRE.orderId}") { reference prohibitions { description } } }`;
    const cheshire = principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] });
    const staffordshire = principalFor("force-officer", { kind: "forces", forces: [STAFFORDSHIRE.forceCode] });
    const inJurisdiction = await stack.query(document, {}, cheshire);
    const hitsBefore = stack.authorizationShapes().hits;
    const outOfJurisdiction = await stack.query(document, {}, staffordshire);
    const outUncached = await stack.query(`${document} # afresh`, {}, staffordshire);

    expect(stack.authorizationShapes().hits).toBe(hitsBefore + 1);
    expect(inJurisdiction.body.data?.order?.prohibitions).toHaveLength(3);
    expect(answerOf(outOfJurisdiction)).toEqual(answerOf(outUncached));
    expect(answerOf(outOfJurisdiction)).not.toEqual(answerOf(inJurisdiction));
  });

  it("works out afresh, never from the cache, a filtered operation whose @include decides what is reported", async () => {
    const national = principalFor("national-analyst", { kind: "national" });
    const document = `query($people: Boolean!) { order(id: "${CHESHIRE.orderId}") { reference protectedPersons @include(if: $people) { id } } }`;
    const uncacheableBefore = stack.authorizationShapes().uncacheable;
    const asked = await stack.query(document, { people: true }, national);
    const notAsked = await stack.query(document, { people: false }, national);
    const askedAgain = await stack.query(document, { people: true }, national);

    expect(stack.authorizationShapes().uncacheable).toBe(uncacheableBefore + 3);
    expect(asked.body.errors?.map((error) => error.path)).toEqual([["order", "protectedPersons"]]);
    expect(notAsked.body.errors).toBeUndefined();
    expect(notAsked.body.data).toEqual({ order: { reference: "SPO/07/2020/0002" } });
    expect(answerOf(askedAgain)).toEqual(answerOf(asked));
  });
});
