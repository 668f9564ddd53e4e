import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, createLocalJWKSet } from "jose";
import type { Principal } from "../principal";
import {
  ASSERTION_ISSUER,
  ASSERTION_LIFETIME_SECONDS,
  requestBodyDigest,
  signIdentityAssertion,
  verifyIdentityAssertion,
} from "../assertion";
import { AssertionReplayGuard, REPLAY_RETENTION_MS } from "../assertion-replay";

const principal: Principal = {
  sub: "analyst-1",
  persona: "national-analyst",
  scopes: ["spo:read"],
  jurisdiction: { kind: "national" },
  purpose: "review",
};

const BODY = JSON.stringify({ query: '{ order(id: "o1") { id } }' });

describe("identity assertions signed with crypto.sign", () => {
  async function keys() {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return { privateKey, verifyKeys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "gw", alg: "ES256" }] }) };
  }

  it("carry the principal, audience, request id, a fresh id of their own and the body's digest, live 30 s, and verify with jose", async () => {
    const { privateKey, verifyKeys } = await keys();
    const before = Math.floor(Date.now() / 1000);
    const token = await signIdentityAssertion({
      principal,
      audience: "orders",
      requestId: "req-1",
      body: BODY,
      key: privateKey,
      keyId: "gw",
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid: "gw" });
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      principal,
      iss: ASSERTION_ISSUER,
      aud: "orders",
      sub: "analyst-1",
      jti: expect.any(String),
      rid: "req-1",
      bdy: requestBodyDigest(BODY),
      iat: claims.iat,
      exp: claims.iat! + ASSERTION_LIFETIME_SECONDS,
    });
    expect(ASSERTION_LIFETIME_SECONDS).toBeLessThanOrEqual(30);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    await expect(verifyIdentityAssertion(`Bearer ${token}`, { audience: "orders", keys: verifyKeys, body: BODY })).resolves.toEqual({
      principal,
      requestId: "req-1",
      assertionId: claims.jti,
    });
  });

  it("each have an id of their own, even for the same request and body", async () => {
    const { privateKey } = await keys();
    const sign = () => signIdentityAssertion({ principal, audience: "orders", requestId: "req-1", body: BODY, key: privateKey });
    const [first, second] = await Promise.all([sign(), sign()]);
    expect(decodeJwt(first).jti).not.toBe(decodeJwt(second).jti);
  });

  it("are refused for another body, by another subgraph, with another key, or with altered claims", async () => {
    const { privateKey, verifyKeys } = await keys();
    const other = await keys();
    const token = await signIdentityAssertion({
      principal,
      audience: "orders",
      requestId: "req-2",
      body: BODY,
      key: privateKey,
      keyId: "gw",
    });
    const refused = (value: string, audience: string, verify: typeof verifyKeys, body = BODY) =>
      expect(verifyIdentityAssertion(`Bearer ${value}`, { audience, keys: verify, body })).rejects.toThrow("Authentication required");
    await refused(token, "orders", verifyKeys, BODY.replace("o1", "o2"));
    await refused(token, "orders", verifyKeys, `${BODY} `);
    await refused(token, "people", verifyKeys);
    await refused(token, "orders", other.verifyKeys);
    const [header, claims, signature] = token.split(".");
    const widened = Buffer.from(Buffer.from(claims, "base64url").toString().replace('"spo:read"', '"audit:read"')).toString("base64url");
    await refused(`${header}.${widened}.${signature}`, "orders", verifyKeys);
  });

  it("are refused once older than their lifetime by the verifier's clock", async () => {
    const { privateKey, verifyKeys } = await keys();
    const token = await signIdentityAssertion({ principal, audience: "orders", requestId: "r", body: BODY, key: privateKey });
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    await expect(
      verifyIdentityAssertion(`Bearer ${token}`, { audience: "orders", keys: verifyKeys, body: BODY, now: later(20) }),
    ).resolves.toBeDefined();
    await expect(
      verifyIdentityAssertion(`Bearer ${token}`, {
        audience: "orders",
        keys: verifyKeys,
        body: BODY,
        now: later(ASSERTION_LIFETIME_SECONDS + 6),
      }),
    ).rejects.toThrow("Authentication required");
  });

  it("refuse a secret: ES256 needs a private key", async () => {
    await expect(
      signIdentityAssertion({ principal, audience: "orders", requestId: "r", body: BODY, key: new Uint8Array(32) }),
    ).rejects.toThrow(new TypeError("ES256 assertions are signed with a private key, not a secret"));
  });

  it("are signed with a WebCrypto private key as well as a KeyObject", async () => {
    const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const verifyKeys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "gw", alg: "ES256" }] });
    const token = await signIdentityAssertion({ principal, audience: "orders", requestId: "r", body: BODY, key: privateKey, keyId: "gw" });
    await expect(verifyIdentityAssertion(`Bearer ${token}`, { audience: "orders", keys: verifyKeys, body: BODY })).resolves.toMatchObject({
      principal,
      requestId: "r",
    });
  });
});

describe("AssertionReplayGuard", () => {
  it("accepts an id once, and forgets it only once no assertion carrying it could still verify", () => {
    let now = 1_000_000;
    const guard = new AssertionReplayGuard(() => now);
    expect(guard.accept("a")).toBe(true);
    expect(guard.accept("a")).toBe(false);
    expect(guard.accept("b")).toBe(true);
    now += REPLAY_RETENTION_MS - 1;
    expect(guard.accept("a")).toBe(false);
    now += 1;
    expect(REPLAY_RETENTION_MS).toBeGreaterThanOrEqual((ASSERTION_LIFETIME_SECONDS + 2 * 5) * 1000);
    expect(guard.accept("c")).toBe(true);
    // a and b have expired and are gone: memory holds one retention window of ids, no more.
    expect(guard.size).toBe(1);
  });

  it("keeps memory bounded by the ids of one retention window", () => {
    let now = 0;
    const guard = new AssertionReplayGuard(() => now);
    for (let i = 0; i < 10_000; i += 1) {
      now += 10; // 100 accepted ids per second
      expect(guard.accept(`id-${i}`)).toBe(true);
    }
    expect(guard.size).toBeLessThanOrEqual(REPLAY_RETENTION_MS / 10);
  });
});
