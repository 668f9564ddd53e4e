import { randomUUID } from "node:crypto";
import { generateKeyPair, SignJWT, type KeyLike } from "jose";
import { SUBGRAPH_NAMES, type SubgraphName } from "../platform/config";
import { ASSERTION_ISSUER, signIdentityAssertion } from "../platform/identity/assertion";
import { SEED_CASE_IDS, SEED_CASE_REFERENCES, seedCasesChunk } from "../dev/dataset/seed-cases";
import { EVERY_SCOPE_NATIONAL, testKeys, tokenFor } from "./support/identity";
import type { GraphQLHttpResponse } from "./support/stack";
import { postGraphQL, startSubgraphOverHttp, type SubgraphOverHttp } from "./support/subgraph-over-http";

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

const post = (url: string, query: string, headers: Record<string, string>) => postGraphQL(url, { query }, headers);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An assertion shaped as the gateway signs it, with times and key of the test's choosing. */
async function handMadeAssertion(audience: string, options: { iat: number; exp: number; key?: KeyLike }): Promise<string> {
  return new SignJWT({ principal: EVERY_SCOPE_NATIONAL })
    .setProtectedHeader({ alg: "ES256" })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(audience)
    .setSubject(EVERY_SCOPE_NATIONAL.sub)
    .setJti(randomUUID())
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp)
    .sign(options.key ?? (await testKeys()).gatewayPrivateKey);
}

async function validAssertion(audience: string): Promise<string> {
  return signIdentityAssertion({
    principal: EVERY_SCOPE_NATIONAL,
    audience,
    requestId: randomUUID(),
    key: (await testKeys()).gatewayPrivateKey,
  });
}

function otherSubgraph(name: SubgraphName): SubgraphName {
  return SUBGRAPH_NAMES[(SUBGRAPH_NAMES.indexOf(name) + 1) % SUBGRAPH_NAMES.length];
}

/** Each way of reaching a subgraph without a valid assertion for it. */
const REFUSED: [string, (name: SubgraphName) => Promise<Record<string, string>>][] = [
  ["without an assertion", async () => ({})],
  ["with a malformed assertion", async () => bearer("not-a-jwt")],
  [
    "with an expired assertion",
    async (name) => bearer(await handMadeAssertion(name, { iat: nowSeconds() - 600, exp: nowSeconds() - 300 })),
  ],
  // Unexpired, but issued longer ago than an assertion may live (60 s): a captured assertion is soon useless.
  [
    "with an assertion issued too long ago",
    async (name) => bearer(await handMadeAssertion(name, { iat: nowSeconds() - 300, exp: nowSeconds() + 300 })),
  ],
  [
    "with an assertion signed by a foreign key",
    async (name) => {
      const { privateKey } = await generateKeyPair("ES256");
      return bearer(
        await signIdentityAssertion({ principal: EVERY_SCOPE_NATIONAL, audience: name, requestId: randomUUID(), key: privateKey }),
      );
    },
  ],
  ["with an assertion for another subgraph", async (name) => bearer(await validAssertion(otherSubgraph(name)))],
  ["with the user's token instead of an assertion", async () => bearer(await tokenFor(EVERY_SCOPE_NATIONAL))],
  [
    'with an unsecured assertion (alg "none")',
    async (name) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const now = nowSeconds();
      const claims = {
        principal: EVERY_SCOPE_NATIONAL,
        iss: ASSERTION_ISSUER,
        aud: name,
        sub: EVERY_SCOPE_NATIONAL.sub,
        jti: randomUUID(),
        iat: now,
        exp: now + 60,
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
      expectRefused(await post(subgraph.url, query, await headers(name)));
    });
  });

  describe("with a valid assertion from the gateway", () => {
    it("answers a query", async () => {
      const response = await post(subgraph.url, QUERIES[name].query, bearer(await validAssertion(name)));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(QUERIES[name].expected);
    });

    it("answers _service { sdl }", async () => {
      const response = await post(subgraph.url, SERVICE_SDL, bearer(await validAssertion(name)));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?._service.sdl).toContain("@key");
    });

    it("answers introspection", async () => {
      const response = await post(subgraph.url, INTROSPECTION, bearer(await validAssertion(name)));
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
