import type http from "node:http";
import { jwtVerify, type JWTVerifyGetKey } from "jose";
import { UnauthenticatedError } from "../../subgraphs/kit/identity-assertion";
import type { Principal } from "../../subgraphs/kit/principal";
import { principalFromClaims } from "./principal-from-claims";

export interface TokenVerification {
  /** The identity provider's public keys: a remote JWKS (createRemoteJWKSet) or a local set. */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Allow-list; a token signed otherwise (including alg "none") is refused. */
  algorithms: string[];
  clockToleranceSeconds?: number;
}

/**
 * Builds the gateway's authenticator: every GraphQL request needs a bearer JWT
 * that verifies against the configured keys, names the expected issuer and
 * audience, carries `exp`, and is within its validity window. Any failure is
 * the same 401 with the same message, which tells an attacker nothing.
 */
export function createAuthenticator(verification: TokenVerification): (request: http.IncomingMessage) => Promise<Principal> {
  return async (request) => {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthenticatedError();
    let principal: Principal | null;
    try {
      const { payload } = await jwtVerify(token, verification.keys, {
        issuer: verification.issuer,
        audience: verification.audience,
        algorithms: verification.algorithms,
        requiredClaims: ["exp", "sub"],
        clockTolerance: verification.clockToleranceSeconds ?? 30,
      });
      principal = principalFromClaims(payload);
    } catch {
      throw new UnauthenticatedError();
    }
    if (!principal) throw new UnauthenticatedError();
    return principal;
  };
}
