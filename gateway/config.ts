import { readFileSync } from "node:fs";
import { dataDir, DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from "../subgraphs/kit/config";
import { devKeyFiles } from "../subgraphs/kit/dev-keys";
import { ConfigError, envInt, envOptional, envString } from "../subgraphs/kit/env";
import { repoPath } from "../subgraphs/kit/repo-root";
import type { AuthorizationMode } from "./authz/authorizing-gateway";

/** The development identity provider: `npm run token` mints its tokens. */
export const DEV_ISSUER = "spo-dev-idp";
export const DEV_AUDIENCE = "spo-api";

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphSdl: string;
  /** Where each subgraph is reached; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  production: boolean;
  /** filter: unauthorized fields come back null with an error; reject: the whole operation is refused. */
  authorizationMode: AuthorizationMode;
  /** How callers' tokens are verified. */
  tokens: {
    keys: { kind: "url"; url: string } | { kind: "file"; file: string };
    issuer: string;
    audience: string;
    algorithms: string[];
  };
  /** The private key (JWK file) the gateway signs its identity assertions with. */
  assertionKeyFile: string;
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

/** Read once at start-up; fails fast naming the variable at fault. */
export function readGatewayConfig(): GatewayConfig {
  const supergraphPath = envString("SUPERGRAPH_PATH", repoPath("schema", "supergraph.graphql"));
  const production = process.env.NODE_ENV === "production";
  const dev = devKeyFiles(dataDir());
  // In production every identity setting must be given: a default here would mean trusting development keys.
  const devOnly = (name: string, fallback: string) => (production ? envString(name) : envString(name, fallback));
  const jwksUrl = envOptional("JWKS_URL");
  if (production && envOptional("JWT_PUBLIC_KEYS_FILE") === undefined && jwksUrl === undefined) {
    throw new ConfigError("Set JWKS_URL (or JWT_PUBLIC_KEYS_FILE): production never trusts the development keys");
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, envOptional(`${name.toUpperCase()}_URL`) ?? defaultSubgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  return {
    host: envString("HOST", "127.0.0.1"),
    port: envInt("GATEWAY_PORT", 4000),
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    subgraphUrls,
    production,
    authorizationMode: readAuthorizationMode(),
    tokens: {
      keys: jwksUrl ? { kind: "url", url: jwksUrl } : { kind: "file", file: devOnly("JWT_PUBLIC_KEYS_FILE", dev.devIdpPublicKeys) },
      issuer: devOnly("JWT_ISSUER", DEV_ISSUER),
      audience: devOnly("JWT_AUDIENCE", DEV_AUDIENCE),
      algorithms: envString("JWT_ALGORITHMS", "ES256,RS256").split(",").map((alg) => alg.trim()),
    },
    assertionKeyFile: devOnly("GATEWAY_SIGNING_KEY_FILE", dev.gatewayPrivateKey),
  };
}

function readAuthorizationMode(): AuthorizationMode {
  const mode = envString("AUTHORIZATION_MODE", "filter");
  if (mode !== "filter" && mode !== "reject") throw new ConfigError(`AUTHORIZATION_MODE must be filter or reject; got "${mode}"`);
  return mode;
}
