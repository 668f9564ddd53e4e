import { generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from "jose";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { signIdentityAssertion } from "../platform/identity/assertion";
import { SEED_CASE_IDS, SEED_CASE_REFERENCES, seedCasesChunk } from "../dev/dataset/seed-cases";
import { principalFor, TEST_AUDIENCE, TEST_ISSUER, testKeys } from "./support/identity";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * docs/design.md, Access model, identity: every request to the gateway needs a bearer JWT of
 * the trusted identity provider, with the right issuer and audience, an `exp`,
 * an `iat` not in the future and at most a day old, inside its validity window and with a usable jurisdiction. Anything else is
 * the same HTTP 401 with the same message, and no data.
 */
const ORDER_QUERY = `query($id: ID!) { order(id: $id) { id reference } }`;
const ORDER_VARIABLES = { id: SEED_CASE_IDS.cheshire.fullOrder };
const INTROSPECTION = `{ __schema { types { name } } }`;

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** The test stack's maximum token age: the default, a day. */
const DAY = 24 * 60 * 60;

/** Claims of a token the gateway accepts; each negative case bends exactly one thing. */
function validClaims(): JWTPayload {
  const now = nowSeconds();
  return {
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    sub: "test-national-analyst",
    iat: now,
    nbf: now,
    exp: now + 300,
    scope: "spo:read spo:terms person:read hearing:read breach:read stats:read",
    persona: "national-analyst",
    purpose: "automated test",
    jurisdiction: "national",
  };
}

function without(claims: JWTPayload, ...names: string[]): JWTPayload {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !names.includes(name)));
}

async function sign(claims: JWTPayload, options: { key?: KeyLike | Uint8Array; alg?: string; kid?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "ES256", typ: "JWT", kid: options.kid ?? "test-idp" })
    .sign(options.key ?? (await testKeys()).idpPrivateKey);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An unsecured JWT (RFC 7519 §6): header {"alg":"none"}, the payload, an empty signature. */
function unsecuredToken(claims: JWTPayload): string {
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectUnauthenticated(response: GraphQLHttpResponse): void {
  expect(response.status).toBe(401);
  expect(response.body).not.toHaveProperty("data");
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors!;
  expect(error.message).toBe("Authentication required");
  expect(error.extensions?.code).toBe("UNAUTHENTICATED");
}

describe("authentication at the gateway", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  describe("a valid token", () => {
    it("is served (the test stack's own token)", async () => {
      const response = await stack.query(ORDER_QUERY, ORDER_VARIABLES, principalFor("national-analyst", { kind: "national" }));
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ order: { id: SEED_CASE_IDS.cheshire.fullOrder, reference: SEED_CASE_REFERENCES.cheshireFull } });
    });

    it("reaches the subgraphs (so the negative cases' zero statement counts mean something)", async () => {
      const response = await stack.post({ query: ORDER_QUERY, variables: ORDER_VARIABLES }, bearer(await sign(validClaims())));
      expect(response.status).toBe(200);
      expect(stack.statementsOf(response.requestId!).orders).toBeGreaterThan(0);
    });

    it("is served (the control token every negative case below bends)", async () => {
      const response = await stack.post({ query: ORDER_QUERY, variables: ORDER_VARIABLES }, bearer(await sign(validClaims())));
      expect(response.status).toBe(200);
      expect(response.body.data?.order?.reference).toBe(SEED_CASE_REFERENCES.cheshireFull);
    });

    it("may use a lower-case bearer scheme and a force jurisdiction", async () => {
      const claims = { ...without(validClaims(), "jurisdiction"), forces: ["07"] };
      const response = await stack.post(
        { query: ORDER_QUERY, variables: ORDER_VARIABLES },
        { authorization: `bearer ${await sign(claims)}` },
      );
      expect(response.status).toBe(200);
      expect(response.body.data?.order?.id).toBe(SEED_CASE_IDS.cheshire.fullOrder);
    });

    it("may introspect (outside production)", async () => {
      const response = await stack.post({ query: INTROSPECTION }, bearer(await sign(validClaims())));
      expect(response.status).toBe(200);
      expect(response.body.data?.__schema.types.map((type: { name: string }) => type.name)).toContain("StalkingProtectionOrder");
    });
  });

  describe("is refused with 401, the same message for every fault, and no data", () => {
    const cases: [string, () => Promise<Record<string, string>>][] = [
      ["no Authorization header", async () => ({})],
      ["an empty Authorization header", async () => ({ authorization: "" })],
      ["Bearer with no token", async () => ({ authorization: "Bearer " })],
      ["Basic credentials", async () => ({ authorization: `Basic ${Buffer.from("analyst:password").toString("base64")}` })],
      ["a valid token under another scheme", async () => ({ authorization: `Token ${await sign(validClaims())}` })],
      ["a valid token without any scheme", async () => ({ authorization: await sign(validClaims()) })],
      ["a malformed token", async () => bearer("not-a-jwt")],
      ["a token of three garbage parts", async () => bearer("abc.def.ghi")],
      ["a token whose signature was cut off", async () => bearer((await sign(validClaims())).split(".").slice(0, 2).join(".") + ".")],
      [
        "a token whose payload was altered",
        async () => {
          const [header, , signature] = (await sign(validClaims())).split(".");
          return bearer(`${header}.${base64url({ ...validClaims(), sub: "someone-else" })}.${signature}`);
        },
      ],
      ['an unsecured token (alg "none")', async () => bearer(unsecuredToken(validClaims()))],
      [
        "a token signed by another key",
        async () => {
          const { privateKey } = await generateKeyPair("ES256");
          return bearer(await sign(validClaims(), { key: privateKey, kid: "attacker-1" }));
        },
      ],
      [
        "a token signed by another key under the trusted kid",
        async () => {
          const { privateKey } = await generateKeyPair("ES256");
          return bearer(await sign(validClaims(), { key: privateKey, kid: "test-idp" }));
        },
      ],
      [
        "an HS256 token with a guessed secret",
        async () => bearer(await sign(validClaims(), { alg: "HS256", key: new TextEncoder().encode("secret") })),
      ],
      [
        "an expired token",
        async () => bearer(await sign({ ...validClaims(), iat: nowSeconds() - 600, nbf: nowSeconds() - 600, exp: nowSeconds() - 120 })),
      ],
      ["a token not yet valid", async () => bearer(await sign({ ...validClaims(), nbf: nowSeconds() + 120 }))],
      ["a token of another issuer", async () => bearer(await sign({ ...validClaims(), iss: "https://evil.example/" }))],
      ["a token for another audience", async () => bearer(await sign({ ...validClaims(), aud: "another-api" }))],
      ["a token without exp", async () => bearer(await sign(without(validClaims(), "exp")))],
      ["a token without sub", async () => bearer(await sign(without(validClaims(), "sub")))],
      ["a token without iat", async () => bearer(await sign(without(validClaims(), "iat")))],
      ["a token issued in the future", async () => bearer(await sign({ ...validClaims(), iat: nowSeconds() + 600 }))],
      [
        "a token older than the maximum token age (still before its exp)",
        async () =>
          bearer(await sign({ ...validClaims(), iat: nowSeconds() - DAY - 120, nbf: nowSeconds() - DAY - 120, exp: nowSeconds() + 300 })),
      ],
      [
        "a fresh token issued for longer than the maximum token age",
        async () => bearer(await sign({ ...validClaims(), exp: nowSeconds() + DAY + 120 })),
      ],
      ["a token without a jurisdiction claim", async () => bearer(await sign(without(validClaims(), "jurisdiction")))],
      ["a token naming an unknown force", async () => bearer(await sign({ ...without(validClaims(), "jurisdiction"), forces: ["99"] }))],
      [
        "a token naming an unknown region",
        async () => bearer(await sign({ ...without(validClaims(), "jurisdiction"), region: "ATLANTIS" })),
      ],
      ["a token naming an unknown court", async () => bearer(await sign({ ...without(validClaims(), "jurisdiction"), courts: ["ZZZZZ"] }))],
      [
        "the gateway's own identity assertion presented as a user token",
        async () =>
          bearer(
            await signIdentityAssertion({
              principal: principalFor("national-analyst", { kind: "national" }),
              audience: "orders",
              requestId: "replayed",
              body: JSON.stringify({ query: ORDER_QUERY, variables: ORDER_VARIABLES }),
              key: (await testKeys()).gatewayPrivateKey,
            }),
          ),
      ],
    ];

    it.each(cases)("%s", async (_label, headers) => {
      stack.resetStatementCounts();
      expectUnauthenticated(await stack.post({ query: ORDER_QUERY, variables: ORDER_VARIABLES }, await headers()));
      // Refused at the door: no subgraph was asked.
      for (const name of SUBGRAPH_NAMES) expect(stack.statements[name]).toBe(0);
    });

    it("including introspection without a token", async () => {
      expectUnauthenticated(await stack.post({ query: INTROSPECTION }, {}));
    });

    it("including introspection with an expired token", async () => {
      expectUnauthenticated(await stack.post({ query: INTROSPECTION }, bearer(await sign({ ...validClaims(), exp: nowSeconds() - 120 }))));
    });

    it("including a malformed operation without a token (no parse or validation detail leaks)", async () => {
      expectUnauthenticated(await stack.post({ query: "{ order(" }, {}));
    });

    it("with bodies that cannot tell the faults apart", async () => {
      const bodies = await Promise.all(
        [{}, bearer("not-a-jwt"), bearer(unsecuredToken(validClaims())), bearer(await sign(without(validClaims(), "exp")))].map(
          async (headers) => JSON.stringify((await stack.post({ query: ORDER_QUERY, variables: ORDER_VARIABLES }, headers)).body),
        ),
      );
      expect(new Set(bodies).size).toBe(1);
    });
  });
});
