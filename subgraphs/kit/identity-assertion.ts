import { jwtVerify, SignJWT, type JWTVerifyGetKey, type KeyLike } from "jose";
import { GraphQLError } from "graphql";
import { jurisdictionProblem, type Principal } from "./principal";

/**
 * The gateway's signed statement of who is asking, sent to a subgraph with
 * every request instead of the user's own token. Short-lived, addressed to one
 * subgraph (audience), and carrying the principal the gateway verified. A
 * subgraph answers nothing without one: reached directly, it is useless.
 */
export const ASSERTION_ISSUER = "spo-gateway";
export const ASSERTION_ALGORITHM = "ES256";
export const ASSERTION_LIFETIME_SECONDS = 60;
/** The header that carries the assertion from the gateway to a subgraph. */
export const ASSERTION_HEADER = "authorization";

type SigningKey = KeyLike | Uint8Array;

export async function signIdentityAssertion(options: {
  principal: Principal;
  audience: string;
  requestId: string;
  key: SigningKey;
  keyId?: string;
}): Promise<string> {
  return new SignJWT({ principal: options.principal })
    .setProtectedHeader({ alg: ASSERTION_ALGORITHM, ...(options.keyId ? { kid: options.keyId } : {}) })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(options.audience)
    .setSubject(options.principal.sub)
    .setJti(options.requestId)
    .setIssuedAt()
    .setExpirationTime(`${ASSERTION_LIFETIME_SECONDS}s`)
    .sign(options.key);
}

export class UnauthenticatedError extends GraphQLError {
  declare readonly extensions: { code: "UNAUTHENTICATED"; http: { status: 401 } };

  constructor() {
    // Deliberately says nothing of what was wrong: that would help an attacker, not a caller.
    super("Authentication required", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
}

function isPrincipal(value: unknown): value is Principal {
  const candidate = value as Principal;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.sub === "string" &&
    Array.isArray(candidate.scopes) &&
    candidate.scopes.every((scope) => typeof scope === "string") &&
    typeof candidate.jurisdiction === "object" &&
    candidate.jurisdiction !== null &&
    ["national", "forces", "courts"].includes(candidate.jurisdiction.kind) &&
    jurisdictionProblem(candidate.jurisdiction) === null
  );
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
