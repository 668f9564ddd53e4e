import { KeyObject, sign } from "node:crypto";
import { jwtVerify, type JWTVerifyGetKey, type KeyLike } from "jose";
import { UnauthenticatedError } from "../errors/errors";
import { isPrincipal, type Principal } from "./principal";

/**
 * The gateway's signed statement of who is asking, sent to a subgraph with
 * every request instead of the user's own token. Short-lived, addressed to one
 * subgraph (audience), and carrying the principal the gateway verified. A
 * subgraph answers nothing without one: reached directly, it is useless.
 * Both sides are here, so the format has one definition: the gateway signs
 * (createAssertionSigner), the subgraph builder verifies (verifyIdentityAssertion).
 */
export const ASSERTION_ISSUER = "spo-gateway";
export const ASSERTION_ALGORITHM = "ES256";
export const ASSERTION_LIFETIME_SECONDS = 60;
/** The header that carries the assertion from the gateway to a subgraph. */
export const ASSERTION_HEADER = "authorization";

type SigningKey = KeyLike | Uint8Array;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** jose's KeyLike is a KeyObject on Node, or a WebCrypto CryptoKey; ES256 needs a private key, never a secret. */
function privateKeyObject(key: SigningKey): KeyObject {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) throw new TypeError(`${ASSERTION_ALGORITHM} assertions are signed with a private key, not a secret`);
  return KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
}

/**
 * The compact JWS that jose's SignJWT would make (header alg and kid; claims
 * iss, aud, sub, jti, iat, exp), signed with one synchronous crypto.sign:
 * per subgraph call ~74 µs of CPU where SignJWT's async WebCrypto path took
 * ~210 µs (bench/identity.bench.ts). The subgraphs still verify every
 * assertion with jose, freshness included; only the gateway's side is faster.
 */
export async function signIdentityAssertion(options: {
  principal: Principal;
  audience: string;
  requestId: string;
  key: SigningKey;
  keyId?: string;
}): Promise<string> {
  const header = base64url({ alg: ASSERTION_ALGORITHM, ...(options.keyId ? { kid: options.keyId } : {}) });
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = base64url({
    principal: options.principal,
    iss: ASSERTION_ISSUER,
    aud: options.audience,
    sub: options.principal.sub,
    jti: options.requestId,
    iat: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
  });
  const signingInput = `${header}.${claims}`;
  // ES256 in a JWS is the raw r||s pair (IEEE P1363), not DER.
  const signature = sign("sha256", Buffer.from(signingInput), { key: privateKeyObject(options.key), dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** The gateway's side: signs an assertion of `principal` for one subgraph (audience) and one request. */
export type AssertionSigner = (principal: Principal, audience: string, requestId: string) => Promise<string>;

export function createAssertionSigner(key: SigningKey, keyId?: string): AssertionSigner {
  return (principal, audience, requestId) => signIdentityAssertion({ principal, audience, requestId, key, keyId });
}

/** Verifies the assertion in an `authorization: Bearer …` header value; throws UnauthenticatedError on any fault. */
export async function verifyIdentityAssertion(
  headerValue: string | undefined,
  options: { audience: string; keys: JWTVerifyGetKey | SigningKey },
): Promise<{ principal: Principal; requestId: string }> {
  const token = headerValue?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new UnauthenticatedError();
  try {
    const { payload } = await jwtVerify(token, options.keys as JWTVerifyGetKey, {
      issuer: ASSERTION_ISSUER,
      audience: options.audience,
      algorithms: [ASSERTION_ALGORITHM],
      requiredClaims: ["exp", "iat", "jti"],
      maxTokenAge: `${ASSERTION_LIFETIME_SECONDS}s`,
      clockTolerance: 5,
    });
    if (!isPrincipal(payload.principal) || typeof payload.jti !== "string") throw new UnauthenticatedError();
    return { principal: payload.principal, requestId: payload.jti };
  } catch {
    throw new UnauthenticatedError();
  }
}
