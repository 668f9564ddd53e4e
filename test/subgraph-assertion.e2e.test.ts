import { randomUUID } from "node:crypto";
import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { generateKeyPair, SignJWT, type KeyLike } from "jose";
import { ASSERTION_ISSUER, requestBodyDigest, signIdentityAssertion } from "../platform/identity/assertion";
import { SEED_CASE_IDS, SEED_CASE_REFERENCES, seedCasesChunk } from "../dev/dataset/seed-cases";
import { EVERY_SCOPE_NATIONAL, testKeys, tokenFor } from "./support/identity";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";
import {
  postGraphQL,
  postRawGraphQL,
  startSubgraphOverHttp,
  type RequestHeaders,
  type SubgraphOverHttp,
} from "./support/subgraph-over-http";

/**
 * docs/design.md, Access model: a subgraph answers only requests carrying the
 * gateway's identity assertion, signed by the gateway key and addressed to that
 * subgraph. Reached directly, without one, it returns nothing — not its data,
 * not its SDL (`_service`), not its schema (introspection). Only the liveness
 * probe stays open.
 */
const QUERIES: Record<SubgraphName, { query: string; expected: Record<string, unknown> }> = {
  people: {
    query: `{ person(id: "${SEED_CASE_IDS.cheshire.respondent}") { id } }`,
    expected: { person: { id: SEED_CASE_IDS.cheshire.respondent } },
  },
  orders: {
    query: `{ order(id: "${SEED_CASE_IDS.cheshire.fullOrder}") { id reference } }`,
    expected: { order: { id: SEED_CASE_IDS.cheshire.fullOrder, reference: SEED_CASE_REFERENCES.cheshireFull } },
  },
  hearings: {
    query: `{ hearing(id: "${SEED_CASE_IDS.cheshire.fullApplicationHearing}") { id } }`,
    expected: { hearing: { id: SEED_CASE_IDS.cheshire.fullApplicationHearing } },
  },
  breaches: {
    // The seed cases hold no breach; an entity lookup of an order still answers (with none).
    query: `{ _entities(representations: [{ __typename: "StalkingProtectionOrder", id: "${SEED_CASE_IDS.cheshire.fullOrder}" }]) {
      ... on StalkingProtectionOrder { id breaches { id } } } }`,
    expected: { _entities: [{ id: SEED_CASE_IDS.cheshire.fullOrder, breaches: [] }] },
  },
};

const SERVICE_SDL = `{ _service { sdl } }`;
const INTROSPECTION = `{ __schema { queryType { name } types { name } } }`;

const post = (url: string, query: string, headers: RequestHeaders) => postGraphQL(url, { query }, headers);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An assertion shaped as the gateway signs it (bound to `body`), with times and key of the test's choosing. */
async function handMadeAssertion(audience: string, body: string, options: { iat: number; exp: number; key?: KeyLike }): Promise<string> {
  return new SignJWT({ principal: EVERY_SCOPE_NATIONAL, rid: randomUUID(), bdy: requestBodyDigest(body) })
    .setProtectedHeader({ alg: "ES256" })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(audience)
    .setSubject(EVERY_SCOPE_NATIONAL.sub)
    .setJti(randomUUID())
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp)
    .sign(options.key ?? (await testKeys()).gatewayPrivateKey);
}

async function validAssertion(audience: string, body: string): Promise<string> {
  return signIdentityAssertion({
    principal: EVERY_SCOPE_NATIONAL,
    audience,
    requestId: randomUUID(),
    body,
    key: (await testKeys()).gatewayPrivateKey,
  });
}

/** Headers carrying a valid assertion for `audience`, signed for the body sent. */
const asGateway =
  (audience: string): RequestHeaders =>
  async (body) =>
    bearer(await validAssertion(audience, body));

function otherSubgraph(name: SubgraphName): SubgraphName {
  return SUBGRAPH_NAMES[(SUBGRAPH_NAMES.indexOf(name) + 1) % SUBGRAPH_NAMES.length];
}

/** Each way of reaching a subgraph without a valid assertion for it. */
const REFUSED: [string, (name: SubgraphName, body: string) => Promise<Record<string, string>>][] = [
  ["without an assertion", async () => ({})],
  ["with a malformed assertion", async () => bearer("not-a-jwt")],
  [
    "with an expired assertion",
    async (name, body) => bearer(await handMadeAssertion(name, body, { iat: nowSeconds() - 600, exp: nowSeconds() - 300 })),
  ],
  // Unexpired, but issued longer ago than an assertion may live (30 s): a captured assertion is soon useless.
  [
    "with an assertion issued too long ago",
    async (name, body) => bearer(await handMadeAssertion(name, body, { iat: nowSeconds() - 40, exp: nowSeconds() + 300 })),
  ],
  [
    "with an assertion signed by a foreign key",
    async (name, body) => {
      const { privateKey } = await generateKeyPair("ES256");
      return bearer(
        await signIdentityAssertion({ principal: EVERY_SCOPE_NATIONAL, audience: name, requestId: randomUUID(), body, key: privateKey }),
      );
    },
  ],
  ["with an assertion for another subgraph", async (name, body) => bearer(await validAssertion(otherSubgraph(name), body))],
  [
    "with an assertion signed for another body",
    async (name) => bearer(await validAssertion(name, JSON.stringify({ query: "{ __typename }" }))),
  ],
  ["with the user's token instead of an assertion", async () => bearer(await tokenFor(EVERY_SCOPE_NATIONAL))],
  [
    'with an unsecured assertion (alg "none")',
    async (name, body) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const now = nowSeconds();
      const claims = {
        principal: EVERY_SCOPE_NATIONAL,
        iss: ASSERTION_ISSUER,
        aud: name,
        sub: EVERY_SCOPE_NATIONAL.sub,
        jti: randomUUID(),
        rid: randomUUID(),
        bdy: requestBodyDigest(body),
        iat: now,
        exp: now + 30,
      };
      return bearer(`${part({ alg: "none" })}.${part(claims)}.`);
    },
  ],
];

function expectRefused(response: GraphQLHttpResponse): void {
  expect(response.status).toBe(401);
  expect(response.body).not.toHaveProperty("data");
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0].message).toBe("Authentication required");
  expect(response.body.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
}

describe.each(SUBGRAPH_NAMES.map((name) => [name]))("the %s subgraph reached directly", (name) => {
  let subgraph: SubgraphOverHttp;

  beforeAll(async () => {
    subgraph = await startSubgraphOverHttp(name, [seedCasesChunk()], "2026-11-22");
  });
  afterAll(() => subgraph?.stop());

  const operations: [string, string][] = [
    ["a query", QUERIES[name].query],
    ["_service { sdl }", SERVICE_SDL],
    ["introspection", INTROSPECTION],
  ];

  describe.each(REFUSED)("%s", (_label, headers) => {
    it.each(operations)("refuses %s with 401 and no data", async (_operation, query) => {
      expectRefused(await post(subgraph.url, query, (body) => headers(name, body)));
    });
  });

  describe("with a valid assertion from the gateway", () => {
    it("answers a query", async () => {
      const response = await post(subgraph.url, QUERIES[name].query, asGateway(name));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(QUERIES[name].expected);
    });

    it("answers _service { sdl }", async () => {
      const response = await post(subgraph.url, SERVICE_SDL, asGateway(name));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?._service.sdl).toContain("@key");
    });

    it("answers introspection", async () => {
      const response = await post(subgraph.url, INTROSPECTION, asGateway(name));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.__schema.queryType.name).toBe("Query");
    });
  });

  it("keeps /health/live open without any assertion", async () => {
    const response = await fetch(new URL("/health/live", subgraph.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "live" });
  });
});

/**
 * An assertion is good for one call: the body it was signed for, once, for at
 * most 30 s. Captured (from the wire between gateway and subgraph, or from a
 * log), it neither asks anything else nor asks the same thing again.
 */
describe("a captured assertion sent straight to a subgraph", () => {
  let people: SubgraphOverHttp;
  /** How far the subgraph's wall clock runs ahead of the real one, in ms. */
  let clockAheadMs = 0;
  const subgraphNow = () => Date.now() + clockAheadMs;
  const NAME_QUERY = `{ person(id: "${SEED_CASE_IDS.cheshire.respondent}") { id name { family } } }`;
  const PROTECTED_PERSON_QUERY = `{ _entities(representations: [{ __typename: "Person", id: "${SEED_CASE_IDS.cheshire.protectedPerson}" }]) {
    ... on Person { id name { given family } } } }`;
  const body = (query: string) => JSON.stringify({ query });
  const sign = (query: string, issuedAt?: number) =>
    testKeys().then((keys) =>
      signIdentityAssertion({
        principal: EVERY_SCOPE_NATIONAL,
        audience: "people",
        requestId: randomUUID(),
        body: body(query),
        key: keys.gatewayPrivateKey,
        issuedAt,
      }),
    );

  beforeAll(async () => {
    people = await startSubgraphOverHttp("people", [seedCasesChunk()], "2026-11-22", { assertionClock: subgraphNow });
  });
  afterAll(() => people?.stop());
  afterEach(() => {
    clockAheadMs = 0;
  });

  it("is refused the second time, with the very body it was signed for", async () => {
    const assertion = await sign(NAME_QUERY);
    const first = await post(people.url, NAME_QUERY, bearer(assertion));
    expect(first.status).toBe(200);
    expect(first.body.data?.person.id).toBe(SEED_CASE_IDS.cheshire.respondent);
    expectRefused(await post(people.url, NAME_QUERY, bearer(assertion)));
  });

  it("is refused with any other body, before or after its own call", async () => {
    const unused = await sign(NAME_QUERY);
    const refused = await post(people.url, PROTECTED_PERSON_QUERY, bearer(unused));
    expectRefused(refused);
    expect(JSON.stringify(refused.body)).not.toContain("given");
    // One trailing space is another body.
    expectRefused(await postRawGraphQL(people.url, `${body(NAME_QUERY)} `, bearer(unused)));
    // The refusals did not use it up: it still serves the call it was signed for.
    expect((await post(people.url, NAME_QUERY, bearer(unused))).status).toBe(200);
    expectRefused(await post(people.url, PROTECTED_PERSON_QUERY, bearer(unused)));
  });

  it("is refused once more than 30 s old by the subgraph's clock", async () => {
    const assertion = await sign(NAME_QUERY);
    clockAheadMs = 31_000 + 5_000; // past the lifetime and the 5 s clock tolerance
    expectRefused(await post(people.url, NAME_QUERY, bearer(assertion)));
    // The control: one signed at the subgraph's "now" is accepted, so the refusal was the age.
    const fresh = await sign(NAME_QUERY, Math.floor(subgraphNow() / 1000));
    expect((await post(people.url, NAME_QUERY, bearer(fresh))).status).toBe(200);
  });
});

/** What the gateway sent to one subgraph: each call's assertion header and body, as seen on the wire. */
interface CapturedCall {
  authorization: string;
  body: string;
}

/**
 * A loopback proxy in front of one subgraph that records each call; told to,
 * it forwards one call, lets the subgraph answer, and then cuts the gateway's
 * connection instead of passing the answer on (a connection lost after the
 * subgraph accepted the assertion: the gateway's retry must not be a replay).
 */
async function recordingProxy(target: string) {
  const calls: CapturedCall[] = [];
  let cutNext = false;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const authorization = String(request.headers.authorization ?? "");
      calls.push({ authorization, body });
      const cut = cutNext;
      cutNext = false;
      void fetch(new URL(request.url ?? "/graphql", target), {
        method: request.method,
        headers: { "content-type": "application/json", authorization },
        body,
      })
        .then(async (answer) => {
          const text = await answer.text();
          if (cut) {
            request.socket.destroy();
            return;
          }
          response.writeHead(answer.status, { "content-type": "application/json" });
          response.end(text);
        })
        .catch(() => request.socket.destroy());
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls,
    cutNextAfterAnswer: () => {
      cutNext = true;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("assertions captured between the gateway and its subgraphs", () => {
  let stack: TestStack;
  const proxies = {} as Record<"people" | "breaches", Awaited<ReturnType<typeof recordingProxy>>>;
  const ORDER_WITH_PEOPLE = `query($id: ID!) { order(id: $id) {
    reference respondent { id name { family } } protectedPersons { id name { given family } } breaches { id } } }`;
  const askOrder = () => stack.query(ORDER_WITH_PEOPLE, { id: SEED_CASE_IDS.cheshire.fullOrder });
  const REPORT_BREACH = `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`;

  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock("2026-11-22"),
      routeSubgraphs: async (urls) => {
        proxies.people = await recordingProxy(urls.people);
        proxies.breaches = await recordingProxy(urls.breaches);
        return { people: proxies.people.url, breaches: proxies.breaches.url };
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const proxy of Object.values(proxies)) await proxy.close();
  });
  beforeEach(() => {
    for (const proxy of Object.values(proxies)) proxy.calls.length = 0;
  });

  it("the gateway's own path works: its entity calls to people and breaches are answered", async () => {
    const response = await askOrder();
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.order).toMatchObject({
      reference: SEED_CASE_REFERENCES.cheshireFull,
      respondent: { id: SEED_CASE_IDS.cheshire.respondent, name: { family: expect.any(String) } },
      protectedPersons: [{ id: SEED_CASE_IDS.cheshire.protectedPerson, name: { given: expect.any(String) } }],
      breaches: [],
    });
    expect(proxies.people.calls.length).toBeGreaterThan(0);
    expect(proxies.people.calls[0].body).toContain("_entities");
    // Every call its own assertion.
    const all = [...proxies.people.calls, ...proxies.breaches.calls].map((call) => call.authorization);
    expect(new Set(all).size).toBe(all.length);
  });

  it("a captured people assertion is refused straight at the people subgraph, with its own body or another", async () => {
    await askOrder();
    const [captured] = proxies.people.calls;
    expectRefused(await postRawGraphQL(stack.subgraphUrls.people, captured.body, { authorization: captured.authorization }));
    const other = await postGraphQL(
      stack.subgraphUrls.people,
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name { given family } } } }`,
        variables: { r: [{ __typename: "Person", id: SEED_CASE_IDS.staffordshire.protectedPerson }] },
      },
      { authorization: captured.authorization },
    );
    expectRefused(other);
  });

  it("a captured breaches assertion reports no breach", async () => {
    await askOrder();
    const [captured] = proxies.breaches.calls;
    const before = await stack.databases.breaches.db.query("SELECT count(*)::int AS n FROM breach_offence");
    const input = {
      orderId: SEED_CASE_IDS.cheshire.fullOrder,
      offenceType: "BREACH_OF_ORDER",
      occurredOn: "2026-11-20",
      description: "replayed",
      idempotencyKey: randomUUID(),
    };
    expectRefused(
      await postGraphQL(
        stack.subgraphUrls.breaches,
        { query: REPORT_BREACH, variables: { input } },
        { authorization: captured.authorization },
      ),
    );
    expect(await stack.databases.breaches.db.query("SELECT count(*)::int AS n FROM breach_offence")).toEqual(before);
  });

  it("the gateway's retry after a lost connection carries a new assertion, and is answered", async () => {
    proxies.people.cutNextAfterAnswer();
    const response = await askOrder();
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.order.respondent.name.family).toEqual(expect.any(String));
    expect(response.body.data?.order.protectedPersons[0].name.given).toEqual(expect.any(String));
    // The subgraph answered the first attempt (its assertion is spent); the retry, the same body, carried another.
    const [first, ...rest] = proxies.people.calls;
    const retries = rest.filter((call) => call.body === first.body);
    expect(retries).toHaveLength(1);
    expect(retries[0].authorization).not.toBe(first.authorization);
  });
});
