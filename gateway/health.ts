import { checkWithin, type Readiness, type ReadinessChecks } from "../platform/http";

/** One subgraph's readiness as the gateway sees it: "ready", or what is wrong. */
async function probeSubgraph(graphqlUrl: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(new URL("/health/ready", graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => ({}))) as { checks?: ReadinessChecks; dependencies?: ReadinessChecks };
    const failing = Object.entries({ ...body.checks, ...body.dependencies }).filter(([, state]) => state !== "ready");
    const detail = failing.map(([name, state]) => `${name}: ${state}`).join(", ");
    if (response.ok) return failing.length > 0 ? `ready (${detail})` : "ready";
    return failing.length > 0 ? `not ready (${detail})` : "not ready";
  } catch {
    return "unreachable";
  }
}

export interface GatewayReadinessOptions {
  supergraphLoaded: boolean;
  subgraphUrls: Readonly<Record<string, string>>;
  /** What the gateway's own calls found about each subgraph ("ready", circuit open, refusing its assertions). */
  subgraphCallState?: (name: string) => string;
  /** Checks the gateway cannot serve without: its audit store, the key set that verifies callers' tokens. */
  required?: Readonly<Record<string, () => Promise<string>>>;
  /** Dependencies it serves without, reported (the response cache's Redis). */
  reported?: Readonly<Record<string, () => Promise<string>>>;
  timeoutMs?: number;
}

/**
 * The gateway's readiness: ready when it can serve, i.e. its supergraph is
 * loaded and what every request needs answers (the audit store: nothing
 * personal leaves unrecorded; the key set: no caller could be verified). Each
 * subgraph's state is reported, named, without making the gateway unready: a
 * load balancer obeying readiness would otherwise take every replica out for
 * one subgraph, although each still answers everything that subgraph is not in.
 */
export async function gatewayReadiness(options: GatewayReadinessOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const names = Object.keys(options.subgraphUrls);
  const requiredNames = Object.keys(options.required ?? {});
  const reportedNames = Object.keys(options.reported ?? {});
  const [probes, required, reported] = await Promise.all([
    Promise.all(names.map((name) => probeSubgraph(options.subgraphUrls[name], timeoutMs))),
    Promise.all(requiredNames.map((name) => checkWithin(options.required![name], timeoutMs))),
    Promise.all(reportedNames.map((name) => checkWithin(options.reported![name], timeoutMs))),
  ]);
  const subgraphState = (name: string, index: number) => {
    // The gateway's own calls know what a probe cannot: a subgraph that answers its probe and refuses the gateway.
    const calls = options.subgraphCallState?.(name) ?? "ready";
    return calls === "ready" ? probes[index] : calls;
  };
  return {
    checks: {
      supergraph: options.supergraphLoaded ? "ready" : "not loaded",
      ...Object.fromEntries(requiredNames.map((name, index) => [name, required[index]])),
    },
    dependencies: {
      ...Object.fromEntries(names.map((name, index) => [`subgraph ${name}`, subgraphState(name, index)])),
      ...Object.fromEntries(reportedNames.map((name, index) => [name, reported[index]])),
    },
  };
}
