import type http from "node:http";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import type { Principal } from "../../../platform/identity/principal";
import { createAuthenticator } from "../authenticate";
import { VerifiedTokenCache } from "../verified-token-cache";

const principal = (sub: string): Principal => ({
  sub,
  persona: null,
  scopes: ["spo:read"],
  jurisdiction: { kind: "national" },
  purpose: null,
});

describe("VerifiedTokenCache", () => {
  let now = 1_000_000;
  const clock = () => now;

  it("answers the exact token only, until the moment it stops being accepted", () => {
    const cache = new VerifiedTokenCache(10, 300, clock);
    cache.set("token-a", principal("a"), now / 1000 + 60);
    expect(cache.get("token-a")?.sub).toBe("a");
    expect(cache.get("token-a ")).toBeUndefined();
    expect(cache.get("token-b")).toBeUndefined();
    now += 59_999;
    expect(cache.get("token-a")?.sub).toBe("a");
    now += 1;
    expect(cache.get("token-a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("never keeps an entry longer than its cap, however long the token lives", () => {
    const cache = new VerifiedTokenCache(10, 300, clock);
    cache.set("long", principal("l"), now / 1000 + 86_400);
    now += 300_000;
    expect(cache.get("long")).toBeUndefined();
  });

  it("drops the least recently used entry when full", () => {
    const cache = new VerifiedTokenCache(2, 300, clock);
    const until = now / 1000 + 60;
    cache.set("one", principal("1"), until);
    cache.set("two", principal("2"), until);
    cache.get("one");
    cache.set("three", principal("3"), until);
    expect(cache.size).toBe(2);
    expect(cache.get("two")).toBeUndefined();
    expect(cache.get("one")?.sub).toBe("1");
    expect(cache.get("three")?.sub).toBe("3");
  });

  it("hands out frozen principals: one request cannot change another's", () => {
    const cache = new VerifiedTokenCache(10, 300, clock);
    const shared = cache.set("t", principal("t"), now / 1000 + 60);
    expect(() => (shared.scopes as string[]).push("audit:read")).toThrow(TypeError);
    expect(Object.isFrozen(shared.jurisdiction)).toBe(true);
  });
});

describe("createAuthenticator with the cache", () => {
  const request = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as http.IncomingMessage;

  async function setUp() {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const other = await generateKeyPair("ES256");
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k", alg: "ES256" }] });
    const cache = new VerifiedTokenCache();
    const authenticate = createAuthenticator({ keys, issuer: "idp", audience: "api", algorithms: ["ES256"], cache });
    const seconds = Math.floor(Date.now() / 1000);
    const sign = (claims: JWTPayload, key = privateKey) =>
      new SignJWT({ scope: "spo:read", jurisdiction: "national", ...claims })
        .setProtectedHeader({ alg: "ES256", kid: "k" })
        .setIssuer("idp")
        .setAudience("api")
        .setSubject("caller")
        .sign(key);
    return { authenticate, cache, seconds, sign, forgeKey: other.privateKey };
  }

  it("remembers a token that verified, for no longer than it would be accepted", async () => {
    const { authenticate, cache, seconds, sign } = await setUp();
    const token = await sign({ iat: seconds, exp: seconds + 120 });
    const first = await authenticate(request(token));
    expect(cache.size).toBe(1);
    expect(await authenticate(request(token))).toBe(first);
  });

  it("never stores a token that did not verify: a forged one is refused every time", async () => {
    const { authenticate, cache, seconds, sign, forgeKey } = await setUp();
    const forged = await sign({ iat: seconds, exp: seconds + 120 }, forgeKey);
    for (let i = 0; i < 2; i += 1)
      await expect(authenticate(request(forged))).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(cache.size).toBe(0);
  });

  it("keys by the whole token: a valid token's signature on other claims is refused", async () => {
    const { authenticate, seconds, sign } = await setUp();
    const token = await sign({ iat: seconds, exp: seconds + 120 });
    await authenticate(request(token));
    const [header, , signature] = token.split(".");
    const otherClaims = Buffer.from(
      JSON.stringify({
        sub: "someone-else",
        iss: "idp",
        aud: "api",
        iat: seconds,
        exp: seconds + 120,
        scope: "audit:read",
        jurisdiction: "national",
      }),
    ).toString("base64url");
    await expect(authenticate(request(`${header}.${otherClaims}.${signature}`))).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });
});
