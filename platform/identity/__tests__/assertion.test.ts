import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, createLocalJWKSet } from "jose";
import type { Principal } from "../principal";
import { ASSERTION_ISSUER, ASSERTION_LIFETIME_SECONDS, signIdentityAssertion, verifyIdentityAssertion } from "../assertion";

const principal: Principal = {
  sub: "analyst-1",
  persona: "national-analyst",
  scopes: ["spo:read"],
  jurisdiction: { kind: "national" },
  purpose: "review",
};

describe("identity assertions signed with crypto.sign", () => {
  async function keys() {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return { privateKey, verifyKeys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "gw", alg: "ES256" }] }) };
  }

  it("carry exactly the claims jose's SignJWT did, and verify with jose", async () => {
    const { privateKey, verifyKeys } = await keys();
    const before = Math.floor(Date.now() / 1000);
    const token = await signIdentityAssertion({ principal, audience: "orders", requestId: "req-1", key: privateKey, keyId: "gw" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid: "gw" });
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      principal,
      iss: ASSERTION_ISSUER,
      aud: "orders",
      sub: "analyst-1",
      jti: "req-1",
      iat: claims.iat,
      exp: claims.iat! + ASSERTION_LIFETIME_SECONDS,
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    await expect(verifyIdentityAssertion(`Bearer ${token}`, { audience: "orders", keys: verifyKeys })).resolves.toEqual({
      principal,
      requestId: "req-1",
    });
  });

  it("are refused by another subgraph, with another key, or with altered claims", async () => {
    const { privateKey, verifyKeys } = await keys();
    const other = await keys();
    const token = await signIdentityAssertion({ principal, audience: "orders", requestId: "req-2", key: privateKey, keyId: "gw" });
    await expect(verifyIdentityAssertion(`Bearer ${token}`, { audience: "people", keys: verifyKeys })).rejects.toThrow(
      "Authentication required",
    );
    await expect(verifyIdentityAssertion(`Bearer ${token}`, { audience: "orders", keys: other.verifyKeys })).rejects.toThrow(
      "Authentication required",
    );
    const [header, claims, signature] = token.split(".");
    const widened = Buffer.from(Buffer.from(claims, "base64url").toString().replace('"spo:read"', '"audit:read"')).toString("base64url");
    await expect(
      verifyIdentityAssertion(`Bearer ${header}.${widened}.${signature}`, { audience: "orders", keys: verifyKeys }),
    ).rejects.toThrow("Authentication required");
  });

  it("refuse a secret: ES256 needs a private key", async () => {
    await expect(signIdentityAssertion({ principal, audience: "orders", requestId: "r", key: new Uint8Array(32) })).rejects.toThrow(
      TypeError,
    );
  });
});
