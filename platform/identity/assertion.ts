import { createHash, KeyObject, randomUUID, sign } from "node:crypto";
import { jwtVerify, type JWTVerifyGetKey, type KeyLike } from "jose";
import { UnauthenticatedError } from "../errors/errors";
import { isPrincipal, type Principal } from "./principal";

/**
 * The gateway's signed statement of who is asking, sent to a subgraph with
 * every call instead of the user's own token. It is good for one call only:
 * addressed to one subgraph (aud), bound to the exact request body it was
 * signed for (bdy, a SHA-256 of the body), short-lived (30 s), and named by an
 * id of its own (jti) that the subgraph accepts once (assertion-replay.ts).
 * A captured assertion therefore cannot ask anything else, nor ask the same
 * thing again. The request it serves travels beside it (rid), for the
 * subgraph's request scope. Both sides are here, so the format has one
 * definition: the gateway signs (createAssertionSigner), the subgraph builder
 * verifies (verifyIdentityAssertion). See docs/identity-assertions.md.
 */
export const ASSERTION_ISSUER = "spo-gateway";
export const ASSERTION_ALGORITHM = "ES256";
export const ASSERTION_LIFETIME_SECONDS = 30;
/** Clock skew allowed between gateway and subgraph, in seconds. */
export const ASSERTION_CLOCK_TOLERANCE_SECONDS = 5;
/** The header that carries the assertion from the gateway to a subgraph. */
export const ASSERTION_HEADER = "authorization";

type SigningKey = KeyLike | Uint8Array;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The binding of an assertion to its call: SHA-256 of the request body exactly as sent, base64url. */
export function requestBodyDigest(body: string): string {
  return createHash("sha256").update(body).digest("base64url");
}

/** jose's KeyLike is a KeyObject on Node, or a WebCrypto CryptoKey; ES256 needs a private key, never a secret. */
function privateKeyObject(key: SigningKey): KeyObject {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) throw new TypeError(`${ASSERTION_ALGORITHM} assertions are signed with a private key, not a secret`);
  return KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
}

/**
 * The compact JWS that jose's SignJWT would make (header alg and kid; claims
 * principal, iss, aud, sub, jti, rid, bdy, iat, exp), signed with one
 * synchronous crypto.sign: far cheaper than SignJWT's async WebCrypto path,
 * which matters now that every subgraph call is signed (bench/identity.bench.ts).
 * The subgraphs still verify every assertion with jose, freshness included.
 */
export async function signIdentityAssertion(options: Parameters<typeof signIdentityAssertionSync>[0]): Promise<string> {
  return signIdentityAssertionSync(options);
}

/** signIdentityAssertion without the promise: for a caller that must sign synchronously (a benchmark's request setup). */
export function signIdentityAssertionSync(options: {
  principal: Principal;
  audience: string;
  requestId: string;
  /** The request body this assertion is for, exactly as it will be sent. */
  body: string;
  key: SigningKey;
  keyId?: string;
  /** Seconds since the epoch; now unless given (tests). */
  issuedAt?: number;
}): string {
  const header = base64url({ alg: ASSERTION_ALGORITHM, ...(options.keyId ? { kid: options.keyId } : {}) });
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims = base64url({
    principal: options.principal,
    iss: ASSERTION_ISSUER,
    aud: options.audience,
    sub: options.principal.sub,
    jti: randomUUID(),
    rid: options.requestId,
    bdy: requestBodyDigest(options.body),
    iat: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
  });
  const signingInput = `${header}.${claims}`;
  // ES256 in a JWS is the raw r||s pair (IEEE P1363), not DER.
  const signature = sign("sha256", Buffer.from(signingInput), { key: privateKeyObject(options.key), dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** The gateway's side: signs an assertion of `principal` for one call (its body) to one subgraph (audience), serving one request. */
export type AssertionSigner = (principal: Principal, audience: string, requestId: string, body: string) => Promise<string>;

export function createAssertionSigner(key: SigningKey, keyId?: string): AssertionSigner {
  return (principal, audience, requestId, body) => signIdentityAssertion({ principal, audience, requestId, body, key, keyId });
}

export interface VerifiedAssertion {
  principal: Principal;
  /** The gateway request this call serves (rid). */
  requestId: string;
  /** This assertion's own id (jti): accepted once (AssertionReplayGuard). */
  assertionId: string;
}

/**
 * Verifies the assertion in an `authorization: Bearer …` header value for a
 * call whose body is `body`; throws UnauthenticatedError on any fault. It
 * does not check replay: that needs the subgraph's memory (AssertionReplayGuard).
 */
export async function verifyIdentityAssertion(
  headerValue: string | undefined,
  options: {
    audience: string;
    keys: JWTVerifyGetKey | SigningKey;
    body: string;
    /** The verifier's clock; now unless given (tests move it). */
    now?: Date;
  },
): Promise<VerifiedAssertion> {
  const token = headerValue?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new UnauthenticatedError();
  try {
    const { payload } = await jwtVerify(token, options.keys as JWTVerifyGetKey, {
      issuer: ASSERTION_ISSUER,
      audience: options.audience,
      algorithms: [ASSERTION_ALGORITHM],
      requiredClaims: ["exp", "iat", "jti", "rid", "bdy"],
      maxTokenAge: `${ASSERTION_LIFETIME_SECONDS}s`,
      clockTolerance: ASSERTION_CLOCK_TOLERANCE_SECONDS,
      ...(options.now ? { currentDate: options.now } : {}),
    });
    if (
      !isPrincipal(payload.principal) ||
      typeof payload.jti !== "string" ||
      typeof payload.rid !== "string" ||
      payload.bdy !== requestBodyDigest(options.body)
    ) {
      throw new UnauthenticatedError();
    }
    return { principal: payload.principal, requestId: payload.rid, assertionId: payload.jti };
  } catch {
    throw new UnauthenticatedError();
  }
}
