import { processLog } from "../../platform/log";

/**
 * Whether the key set that verifies callers' tokens can be had: JWKS_URL
 * answers with at least one key. Unreachable or empty, no caller can be
 * verified, so the gateway is not ready, and says why in its log once per
 * change (a caller's bad token, by contrast, stays a quiet 401). Answers are
 * kept for `cacheMs`, so probes do not hammer the identity provider.
 */
export function keySetHealth(url: string, options: { timeoutMs?: number; cacheMs?: number; log?: (message: string) => void } = {}) {
  const log = options.log ?? ((message: string) => processLog().error(message));
  let last: { state: string; at: number } | undefined;
  let logged = "ready";
  const probe = async (): Promise<string> => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 2_000) });
      if (!response.ok) return `unreachable (HTTP ${response.status})`;
      const body = (await response.json().catch(() => undefined)) as { keys?: unknown } | undefined;
      if (!Array.isArray(body?.keys)) return "not a key set (no keys array)";
      return body.keys.length > 0 ? "ready" : "empty (no keys)";
    } catch (error) {
      return `unreachable (${(error as Error).name})`;
    }
  };
  return async (): Promise<string> => {
    if (last && Date.now() - last.at < (options.cacheMs ?? 5_000)) return last.state;
    const state = await probe();
    last = { state, at: Date.now() };
    if (state !== logged) {
      log(
        state === "ready"
          ? "[gateway] JWKS_URL answers with keys again: ready"
          : `[gateway] JWKS_URL ${state}: no caller's token can be verified, so the gateway is not ready`,
      );
      logged = state;
    }
    return state;
  };
}
