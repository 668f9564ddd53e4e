import { readFileSync } from "node:fs";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import { DATA_DIR, dataDirPiece, HOST, shutdownPiece } from "../platform/config";
import { auditStorePiece, type AuditStoreConfig } from "../platform/audit/config";
import { auditContentPiece, type AuditContentConfig } from "../platform/audit/content-config";
import { envPiece, envSchema, readEnv } from "../platform/env-schema";
import { choiceVar, flagVar, listVar, optionalTextVar, portVar, urlVar } from "../platform/env-values";
import { devKeyFiles } from "../platform/identity/keys";
import { logPiece } from "../platform/log";
import { repoPath } from "../platform/repo-root";
import { metricsPiece, type MetricsAccess } from "../platform/metrics";
import { tracingPiece, type TracingSettings } from "../platform/tracing/tracing";
import type { AuthorizationMode } from "./authz";
import type { ResponseCacheOptions } from "./cache";
import { responseCachePiece } from "./cache/config";
import type { SupergraphReloadConfig } from "./supergraph/reloader";
import { dashboardPiece, type DashboardConfig } from "./dashboard/config";
import type { RateLimitConfig } from "./rate-limits";
import { rateLimitPiece } from "./rate-limits/config";
import { tokensPiece, type TokenConfig } from "./auth/config";
import { subgraphFetchPiece, type SubgraphFetchConfig } from "./subgraph-fetch/config";

export { DEV_AUDIENCE, DEV_ISSUER } from "./auth/config";
export { DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS } from "./cache/config";
export {
  DEFAULT_SUBGRAPH_BREAKER_RESET_MS,
  DEFAULT_SUBGRAPH_FETCH_CONFIG,
  DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
  DEFAULT_SUBGRAPH_TIMEOUT_MS,
  type SubgraphFetchConfig,
} from "./subgraph-fetch/config";

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
  tokens: TokenConfig;
  /** How the gateway calls subgraphs (gateway/subgraph-fetch). */
  subgraphFetch: SubgraphFetchConfig;
  /** On SIGTERM, how long in-flight requests get to finish before the process exits anyway. */
  shutdownGraceMs: number;
  /** The private key (JWK file) the gateway signs its identity assertions with. */
  assertionKeyFile: string;
  /** The response cache for statistics and estate data, and persisted queries (gateway/cache). */
  responseCache: Omit<ResponseCacheOptions, "log">;
  /** Who may scrape /metrics (METRICS_TOKEN; platform/metrics.ts). */
  metrics: MetricsAccess;
  /** Where spans go (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing off. */
  tracing: TracingSettings | undefined;
  /** Per-caller request budgets (gateway/rate-limits). */
  rateLimits: RateLimitConfig;
  /** The manifest service callers are held to (gateway/trusted-documents); none: not enforced. */
  trustedDocumentsFile: string | undefined;
  /** Browser origins allowed to call the API (gateway/cors); none by default. */
  corsOrigins: string[];
  /** Where the audit trail lives and what it keeps; read from the environment by buildGateway when absent. */
  audit?: { store: AuditStoreConfig; content: AuditContentConfig };
  /** The reporting dashboard served at /dashboard and its single sign-on (gateway/dashboard). */
  dashboard: DashboardConfig;
  /** Where the supergraph is reloaded from (SIGHUP, and the file changing when watched), and the contract it must keep. */
  supergraphReload?: SupergraphReloadConfig;
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

const urlVariable = (name: SubgraphName) => `${name.toUpperCase()}_URL`;

/** The gateway's own settings: where it listens, what it serves, where its subgraphs and keys are. */
const gatewayPiece = envPiece({
  variables: {
    HOST,
    GATEWAY_PORT: portVar(4000, { meaning: "port of the gateway" }),
    SUPERGRAPH_PATH: optionalTextVar({
      default: "`schema/supergraph.graphql`",
      meaning: "the composed supergraph to serve, reloaded on SIGHUP ([Supergraph reload](../operations.md#supergraph-reload))",
    }),
    SUPERGRAPH_WATCH: flagVar(true, { meaning: "reload the supergraph when its file changes (SIGHUP reloads either way)" }),
    SUPERGRAPH_CONTRACT_PATH: optionalTextVar({
      default: "`schema/contract.graphql`",
      meaning: "the public contract a reloaded supergraph must keep (refused, and the old one kept, when it breaks it)",
    }),
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [
        urlVariable(name),
        urlVar(["http", "https"], {
          default: `\`${defaultSubgraphUrl(name)}\``,
          meaning: `where the gateway reaches the ${name} subgraph`,
        }),
      ]),
    ),
    AUTHORIZATION_MODE: choiceVar(["filter", "reject"], "filter", {
      meaning: "`filter` (unauthorized fields null + error) or `reject` (whole operation refused)",
    }),
    GATEWAY_SIGNING_KEY_FILE: optionalTextVar({
      default: "`DATA_DIR/keys/gateway.private.jwk.json`",
      meaning: "private JWK the gateway signs identity assertions with",
    }),
    DATA_DIR,
    TRUSTED_DOCUMENTS_FILE: optionalTextVar({
      default: "unset → not enforced",
      meaning: "the persisted query manifest service callers are held to ([Trusted documents](../operations.md#trusted-documents))",
    }),
    CORS_ORIGINS: listVar({
      default: "unset → no browser origin",
      meaning: "browser origins allowed to call the API, comma-separated ([Browsers](../operations.md#browsers-cors-no-landing-page))",
    }),
  },
  production: [{ anyOf: ["GATEWAY_SIGNING_KEY_FILE"], why: "production never signs with the development key" }],
  read: (values, context) => {
    const known = values as Record<string, unknown> & typeof values;
    const supergraphPath = values.SUPERGRAPH_PATH ?? repoPath("schema", "supergraph.graphql");
    const readText = (variable: string, file: string) => {
      try {
        return readFileSync(file, "utf8");
      } catch (error) {
        throw new Error(`${variable}=${JSON.stringify(file)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
    };
    const supergraphSdl = readText("SUPERGRAPH_PATH", supergraphPath);
    const contractPath = values.SUPERGRAPH_CONTRACT_PATH ?? repoPath("schema", "contract.graphql");
    return {
      host: values.HOST,
      port: values.GATEWAY_PORT,
      supergraphSdl,
      subgraphUrls: Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [name, (known[urlVariable(name)] as string | undefined) ?? defaultSubgraphUrl(name)]),
      ) as Record<SubgraphName, string>,
      authorizationMode: values.AUTHORIZATION_MODE,
      assertionKeyFile: values.GATEWAY_SIGNING_KEY_FILE ?? devKeyFiles(dataDirPiece.read(values, context)).gatewayPrivateKey,
      trustedDocumentsFile: values.TRUSTED_DOCUMENTS_FILE,
      corsOrigins: values.CORS_ORIGINS,
      supergraphReload: {
        path: supergraphPath,
        watch: values.SUPERGRAPH_WATCH,
        contractSdl: readText("SUPERGRAPH_CONTRACT_PATH", contractPath),
      },
    };
  },
});

/** Every variable the gateway reads, composed from its concerns' pieces. */
export const GATEWAY_ENV = envSchema("gateway", {
  gateway: gatewayPiece,
  log: logPiece,
  tokens: tokensPiece,
  subgraphFetch: subgraphFetchPiece,
  shutdownGraceMs: shutdownPiece,
  responseCache: responseCachePiece,
  metrics: metricsPiece,
  tracing: tracingPiece,
  rateLimits: rateLimitPiece,
  dashboard: dashboardPiece,
  auditStore: auditStorePiece,
  auditContent: auditContentPiece,
});

/** Read once at start-up, validated as a whole: every problem, production's missing settings included, in one ConfigError. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const settings = readEnv(GATEWAY_ENV, env);
  return {
    ...settings.gateway,
    production: env.NODE_ENV === "production",
    tokens: settings.tokens,
    subgraphFetch: settings.subgraphFetch,
    shutdownGraceMs: settings.shutdownGraceMs,
    responseCache: settings.responseCache,
    metrics: settings.metrics,
    tracing: settings.tracing,
    dashboard: settings.dashboard,
    rateLimits: settings.rateLimits,
    audit: { store: settings.auditStore, content: settings.auditContent },
  };
}
