import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import type { Principal } from "../principal";
import {
  ASSERTION_ALGORITHM,
  ASSERTION_HEADER,
  ASSERTION_ISSUER,
  ASSERTION_LIFETIME_SECONDS,
  createAssertionSigner,
  requestBodyDigest,
  verifyIdentityAssertion,
} from "../assertion";

/**
 * What a subgraph accepts as the gateway's word: only a Bearer header with a
 * fresh ES256 assertion from the gateway, for this subgraph, naming a valid
 * principal and a request. Everything else is "Authentication required".
 */
const principal: Principal = {
  sub: "officer-1",
  persona: "force-officer",
  scopes: ["spo:read"],
  jurisdiction: { kind: "forces", forces: ["07"] },
  purpose: null,
};

let privateKey: KeyLike;
let keys: ReturnType<typeof createLocalJWKSet>;
beforeAll(async () => {
  const pair = await generateKeyPair("ES256");
  privateKey = pair.privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "gw", alg: "ES256" }] });
});

/** The request body every assertion below is for. */
const BODY = JSON.stringify({ query: '{ order(id: "spo-07-2020-0002") { id } }' });
const verify = (header: string | undefined, body = BODY) => verifyIdentityAssertion(header, { audience: "orders", keys, body });
/** An assertion made with jose, to bend one claim at a time. */
async function bent(
  claims: Record<string, unknown>,
  options: { issuer?: string; issuedAt?: number; expires?: number | null; jti?: string | null } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ principal, rid: "req-1", bdy: requestBodyDigest(BODY), ...claims })
    .setProtectedHeader({ alg: "ES256", kid: "gw" })
    .setIssuer(options.issuer ?? ASSERTION_ISSUER)
    .setAudience("orders")
    .setSubject(principal.sub)
    .setIssuedAt(options.issuedAt ?? now);
  if (options.expires !== null) jwt.setExpirationTime(options.expires ?? now + 60);
  if (options.jti !== null) jwt.setJti(options.jti ?? "assertion-1");
  return `Bearer ${await jwt.sign(privateKey)}`;
}

describe("verifyIdentityAssertion", () => {
  it("states its format: ES256, issued by spo-gateway, for 30 seconds, in the authorization header", () => {
    expect([ASSERTION_ALGORITHM, ASSERTION_ISSUER, ASSERTION_LIFETIME_SECONDS, ASSERTION_HEADER]).toEqual([
      "ES256",
      "spo-gateway",
      30,
      "authorization",
    ]);
  });

  it("accepts what the gateway's signer makes, with any case of Bearer", async () => {
    const token = await createAssertionSigner(privateKey, "gw")(principal, "orders", "req-9", BODY);
    const accepted = { principal, requestId: "req-9", assertionId: expect.any(String) };
    await expect(verify(`Bearer ${token}`)).resolves.toEqual(accepted);
    await expect(verify(`bearer  ${token}`)).resolves.toEqual(accepted);
    await expect(verify(await bent({}))).resolves.toEqual({ principal, requestId: "req-1", assertionId: "assertion-1" });
  });

  it("refuses a header that is not exactly one Bearer token", async () => {
    const token = await createAssertionSigner(privateKey, "gw")(principal, "orders", "req-9", BODY);
    for (const header of [undefined, "", token, `Basic ${token}`, `Bearer ${token} extra`, `xBearer ${token}`, "Bearer "]) {
      await expect(verify(header)).rejects.toThrow("Authentication required");
    }
  });

  it("refuses another issuer, a stale or expired assertion, one without an expiry, and one without its request id", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verify(await bent({}, { issuer: "someone-else" }))).rejects.toThrow("Authentication required");
    await expect(verify(await bent({}, { issuedAt: now - 600, expires: now + 600 }))).rejects.toThrow("Authentication required");
    await expect(verify(await bent({}, { issuedAt: now - 120, expires: now - 60 }))).rejects.toThrow("Authentication required");
    await expect(verify(await bent({}, { jti: null }))).rejects.toThrow("Authentication required");
    // Fresh by its issue time, yet it states no end: refused all the same.
    await expect(verify(await bent({}, { expires: null }))).rejects.toThrow("Authentication required");
    await expect(verify(await bent({ rid: undefined }))).rejects.toThrow("Authentication required");
  });

  it("refuses an assertion for another body, or with no body digest", async () => {
    await expect(verify(await bent({}), `${BODY} `)).rejects.toThrow("Authentication required");
    await expect(verify(await bent({ bdy: undefined }))).rejects.toThrow("Authentication required");
  });

  it("refuses a principal that is not one: unknown forces, no scopes list, or none at all", async () => {
    for (const claims of [
      { principal: { ...principal, jurisdiction: { kind: "forces", forces: ["99"] } } },
      { principal: { ...principal, scopes: "spo:read" } },
      { principal: undefined },
    ]) {
      await expect(verify(await bent(claims))).rejects.toThrow("Authentication required");
    }
  });
});
