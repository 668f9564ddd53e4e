import { randomUUID } from "node:crypto";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { fixedClock } from "../platform/clock";
import { createLogger } from "../platform/log";
import { startTracing } from "../platform/tracing/tracing";
import { waitUntil } from "./support/events";
import { principalFor, tokenFor } from "./support/identity";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Tracing across the federation (docs/operations.md, "Tracing"): a court
 * outcome recorded through the gateway is one trace, from the gateway's
 * request through the hearings subgraph, its event, and the orders
 * subgraph's handling of it (and what that causes in turn); and no span
 * carries what a request carried about a person, whatever it was.
 */
const TODAY = "2026-11-23";
const HEARING = "tracing-cannock";
const STAFFS = SEED_CASE_IDS.staffordshire;
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");
const OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");

/** Planted in what requests carry: none may appear in any span's name, attributes, events, status or links. */
const MARKERS = {
  outcomeNote: `MARKER-OUTCOME-${randomUUID()}`,
  description: `MARKER-DESCRIPTION-${randomUUID()}`,
  familyName: `Zqx${randomUUID().slice(0, 8)}`,
  givenName: `Vqw${randomUUID().slice(0, 8)}`,
  literal: `MARKER-LITERAL-${randomUUID()}`,
  idempotencyKey: `MARKER-KEY-${randomUUID()}`,
  dateOfBirth: "1911-03-17",
} as const;

describe("tracing of a court outcome through the federation", () => {
  const exporter = new InMemorySpanExporter();
  let stopTracing: () => Promise<void>;
  let stack: TestStack;
  const tokens: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    // Started before the stack is built: the gateway and the subgraphs find it on and trace.
    stopTracing = startTracing({ service: "test", exporter });
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview(HEARING)],
      clock: fixedClock(TODAY),
      gatewayLog: createLogger({
        service: "gateway",
        settings: { level: "info", format: "json" },
        destination: { write: (line) => void logLines.push(line) },
      }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await stopTracing?.();
  });

  const spans = () => exporter.getFinishedSpans();
  const traceOf = (traceId: string) => spans().filter((span) => span.spanContext().traceId === traceId);
  const parentOf = (span: ReadableSpan, trace: ReadableSpan[]) =>
    trace.find((candidate) => candidate.spanContext().spanId === span.parentSpanContext?.spanId);
  /** The names of a span's ancestors, nearest first. */
  const ancestry = (span: ReadableSpan, trace: ReadableSpan[]): string[] => {
    const names: string[] = [];
    for (let parent = parentOf(span, trace); parent; parent = parentOf(parent, trace)) names.push(parent.name);
    return names;
  };

  async function send(query: string, variables: Record<string, unknown>, as: typeof OFFICER) {
    const token = await tokenFor(as);
    tokens.push(token);
    return stack.post({ query, variables }, { authorization: `Bearer ${token}` });
  }

  it("is one trace: gateway → hearings → its event → orders, and what orders' change causes", async () => {
    const recorded = await send(
      `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status decision } }`,
      {
        input: {
          hearingId: HEARING,
          status: "HEARD",
          decision: "INTERIM_ORDER_EXTENDED",
          expiresOn: "2027-02-20",
          outcomeNote: MARKERS.outcomeNote,
          idempotencyKey: MARKERS.idempotencyKey,
        },
      },
      CANNOCK_LISTING,
    );
    expect(recorded.body.errors).toBeUndefined();
    await stack.settle();

    const root = spans().find((span) => span.name === "POST /graphql" && span.attributes["request.id"] === recorded.requestId);
    expect(root).toBeDefined();
    expect(root!.parentSpanContext).toBeUndefined();
    expect(root!.attributes).toMatchObject({ "graphql.operation.name": "Record", "graphql.operation.type": "mutation" });
    const trace = traceOf(root!.spanContext().traceId);
    const named = (name: string) => trace.filter((span) => span.name === name);

    // The request's access line names its trace, as every line written about the request does.
    const accessLine = () =>
      logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.requestId === recorded.requestId && line.msg === "request");
    // Written once the exchange has ended, which may be just after the client read the answer.
    await waitUntil(async () => accessLine() !== undefined, "the access line of the request");
    expect(accessLine()).toMatchObject({ msg: "request", traceId: root!.spanContext().traceId });

    // The gateway: planning and the call to hearings, carrying the trace to the subgraph; none of
    // @apollo/gateway's spans that repeat the request's and the call's.
    expect(named("gateway.plan")).toHaveLength(1);
    expect(named("POST hearings").map((span) => span.attributes["subgraph.name"])).toEqual(["hearings"]);
    expect(trace.filter((span) => span.name.startsWith("gateway.") && span.name !== "gateway.plan")).toEqual([]);
    const [hearings] = named("subgraph hearings");
    expect(ancestry(hearings, trace)).toEqual(["POST hearings", "POST /graphql"]);
    expect(hearings.attributes).toMatchObject({ "graphql.root_fields": "recordHearingOutcome", "http.response.status_code": 200 });
    // Its resolver, and the SQL inside it.
    const [resolver] = named("resolve Mutation.recordHearingOutcome");
    expect(ancestry(resolver, trace)[0]).toBe("subgraph hearings");
    expect(trace.some((span) => span.attributes["db.system.name"] === "postgresql" && ancestry(span, trace).includes(resolver.name))).toBe(
      true,
    );

    // The event: orders' (and breaches') handling are children of the request that recorded the outcome.
    const consumers = named("consume hearing-outcomes");
    expect(consumers.map((span) => span.attributes["messaging.consumer.group.name"]).sort()).toEqual(["breaches", "orders"]);
    const orders = consumers.find((span) => span.attributes["messaging.consumer.group.name"] === "orders")!;
    expect(ancestry(orders, trace)).toEqual(
      expect.arrayContaining(["resolve Mutation.recordHearingOutcome", "subgraph hearings", "POST /graphql"]),
    );
    // Orders' own SQL is inside its handling, and the order facts it changed carry the same trace on.
    expect(
      trace.some(
        (span) => span.attributes["db.collection.name"] === "stalking_protection_order" && ancestry(span, trace).includes(orders.name),
      ),
    ).toBe(true);
    const factsConsumers = named("consume order-facts").map((span) => span.attributes["messaging.consumer.group.name"]);
    expect(factsConsumers.sort()).toEqual(["breaches", "hearings", "people"]);
  });

  it("traces requests that carried personal data, and ones the gateway refused", async () => {
    await send(
      `query Find($search: PersonSearch!) { searchPeople(search: $search) { id name { family } } }`,
      { search: { familyName: MARKERS.familyName, givenName: MARKERS.givenName, dateOfBirth: MARKERS.dateOfBirth } },
      OFFICER,
    );
    await send(
      `mutation Report($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`,
      {
        input: {
          orderId: STAFFS.interimOrder,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: "2026-11-21",
          description: MARKERS.description,
          idempotencyKey: `${MARKERS.idempotencyKey}-breach`,
        },
      },
      OFFICER,
    );
    // An operation name past the bound, spelling a name; a literal in a document that does not validate.
    const named = await send(
      `query Long${MARKERS.familyName}${"N".repeat(80)}($search: PersonSearch!) { searchPeople(search: $search) { id } }`,
      { search: { familyName: "Smith" } },
      OFFICER,
    );
    await send(`query Broken { searchPeople(search: { familyName: "${MARKERS.literal}" }) { noSuchField } }`, {}, OFFICER);
    await stack.settle();
    const root = spans().find((span) => span.name === "POST /graphql" && span.attributes["request.id"] === named.requestId)!;
    expect(root.attributes["graphql.operation.name"]).toBe("(other)");
    for (const span of traceOf(root.spanContext().traceId)) {
      if ("graphql.operation.name" in span.attributes) expect(span.attributes["graphql.operation.name"]).toBe("(other)");
    }
  });

  it("never carries what a request carried: no marker, no token, no SQL text or parameter, in any span", () => {
    expect(spans().length).toBeGreaterThan(50);
    const text = JSON.stringify(
      spans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
        links: span.links,
        resource: span.resource.attributes,
      })),
    );
    for (const marker of [...Object.values(MARKERS), ...tokens]) expect(text).not.toContain(marker);
    expect(text).not.toMatch(/\bSELECT\b.*\bFROM\b|\$1/);
  });
});
