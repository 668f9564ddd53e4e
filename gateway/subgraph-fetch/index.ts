import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import CircuitBreaker from "opossum";
import { Agent, type Dispatcher } from "undici";
import { BufferedResponse } from "./buffered-response";
import { SubgraphUnavailableError } from "../../platform/errors/errors";
import { processLog } from "../../platform/log";
import { currentRequestId } from "../../platform/request-scope";
import { currentTraceCarrier, inSpan, SpanKind } from "../../platform/tracing/tracing";

export { SubgraphUnavailableError } from "../../platform/errors/errors";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
export type FetcherRequestInit = Parameters<Fetcher>[1];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * What each attempt of a call sends, made afresh per attempt from the call's
 * request: the gateway signs an identity assertion per attempt, so the retry
 * after a connection failure is not refused as a replay of the first.
 */
export type PrepareAttempt = (init: FetcherRequestInit | undefined) => Promise<FetcherRequestInit | undefined>;

/** RemoteGraphQLDataSource's fetcher, which also takes how to prepare each attempt. */
export type SubgraphFetcher = (url: string, init?: FetcherRequestInit, prepareAttempt?: PrepareAttempt) => Promise<FetcherResponse>;

export interface SubgraphFetchOptions {
  /** Budget of one call — connect, send, headers and whole body, its one retry included — in ms. */
  timeoutMs: number;
  /**
   * How long an idle pooled connection is kept. Must stay below the subgraphs'
   * server keep-alive timeout: a socket the server already closed would
   * otherwise be reused and fail with ECONNRESET.
   */
  keepAliveMs: number;
  breaker: {
    /** Failures (of all calls in the rolling window) that open the circuit, in percent. */
    errorThresholdPercentage: number;
    /** Calls in the window before the circuit may open at all. */
    volumeThreshold: number;
    /** How long an open circuit fails fast before letting one probe through, in ms. */
    resetTimeoutMs: number;
    /** The rolling window, in ms (long enough that a few slow calls under load do not open the circuit; hangs open it faster). */
    windowMs: number;
    /**
     * A call unanswered this long while the subgraph has answered nothing since it began is a sign of a
     * hang (ms; half the timeout, at most 1 s, unless given). A slow subgraph that still answers other
     * calls is not hung.
     */
    hangMs?: number;
    /** Consecutive hang signs that open the circuit at once, without waiting for the calls' timeouts. */
    hangsToOpen?: number;
  };
}

export const DEFAULT_SUBGRAPH_FETCH: Omit<SubgraphFetchOptions, "timeoutMs" | "keepAliveMs"> = {
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 4, resetTimeoutMs: 2_000, windowMs: 10_000, hangsToOpen: 3 },
};

/** Connection failures worth one more try on a fresh socket (never a timeout: the subgraph may be working on it). */
const CONNECTION_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

function connectionErrorCode(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (typeof current.code === "string" && CONNECTION_ERROR_CODES.has(current.code)) return current.code;
  }
  return undefined;
}

/** Gateway fetches are one operation each; only a mutation must never be sent twice. */
function isMutation(init: FetcherRequestInit | undefined): boolean {
  if (typeof init?.body !== "string") return true; // unknown: be safe
  try {
    const { query } = JSON.parse(init.body) as { query?: unknown };
    return typeof query !== "string" || /^\s*mutation\b/.test(query);
  } catch {
    return true;
  }
}

/** Subgraph URLs are a handful, fixed at start: each is parsed once. */
const parsedUrls = new Map<string, URL>();
function parsedUrl(url: string): URL {
  let parsed = parsedUrls.get(url);
  if (!parsed) parsedUrls.set(url, (parsed = new URL(url)));
  return parsed;
}

/** One call the gateway made to a subgraph, as the access log and the metrics hear of it. */
export interface SubgraphCallObservation {
  subgraph: string;
  /** "ok", or the SubgraphUnavailableError reason (TIMEOUT, CIRCUIT_OPEN, …). */
  outcome: string;
  durationMs: number;
  /** The request it was made for (the request scope's id); undefined for calls outside a request. */
  requestId: string | undefined;
}

export interface SubgraphFetch {
  /** RemoteGraphQLDataSource's `fetcher` for one subgraph. */
  fetcher: SubgraphFetcher;
  /** The subgraph's circuit breaker: its state and events, for tests and logs. */
  breaker: CircuitBreaker<[url: string, init: FetcherRequestInit | undefined, prepareAttempt?: PrepareAttempt], FetcherResponse>;
  /** "ready", or what the gateway's own calls found wrong (the circuit is open, the subgraph refuses the gateway). */
  state(): string;
}

/**
 * The subgraph calls of the gateway, one concern: one undici Agent (keep-alive
 * pools per subgraph origin, idle sockets dropped before the subgraph would
 * close them; its request API, not fetch: no WHATWG streams per call), and per subgraph a timeout on the whole exchange, one retry for
 * a query whose connection failed (none for a mutation: it may have been
 * applied), and a circuit breaker so a dead or hung subgraph fails fast instead
 * of holding every request for the timeout, probed again after resetTimeoutMs.
 * Every failure is a SubgraphUnavailableError.
 */
export function createSubgraphFetchers(
  names: readonly string[],
  options: SubgraphFetchOptions & {
    timeoutMsBySubgraph?: Record<string, number>;
    log?: (message: string) => void;
    /** Told of every call when it ends (its outcome and duration). */
    observe?: (call: SubgraphCallObservation) => void;
  },
) {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs,
    keepAliveMaxTimeout: options.keepAliveMs,
    connect: { timeout: options.timeoutMs },
  });

  const log = options.log ?? ((message: string) => processLog().error(message));
  const forSubgraph = (serviceName: string): SubgraphFetch => {
    const timeoutMs = options.timeoutMsBySubgraph?.[serviceName] ?? options.timeoutMs;
    const hangMs = options.breaker.hangMs ?? Math.min(1_000, Math.floor(timeoutMs / 2));
    /** When the subgraph last answered anything at all, and how many calls since have waited past hangMs. */
    let lastAnswerAt = Date.now();
    let hangs = 0;
    /** The subgraph refuses the gateway's identity assertions: a configuration error, not the caller's. */
    let refusing = false;
    const attempt = async (
      url: string,
      request: FetcherRequestInit | undefined,
      prepareAttempt: PrepareAttempt | undefined,
      signal: AbortSignal,
    ): Promise<FetcherResponse> => {
      const init = prepareAttempt ? await prepareAttempt(request) : request;
      const { origin, pathname, search } = parsedUrl(url);
      // Each attempt a client span (tracing on), its traceparent sent so the subgraph's span is its child.
      return inSpan(
        `POST ${serviceName}`,
        {
          kind: SpanKind.CLIENT,
          onlyInTrace: true,
          attributes: { "subgraph.name": serviceName, "http.request.method": init?.method ?? "POST" },
        },
        async (span) => {
          const carrier = span ? currentTraceCarrier() : undefined;
          const response = await agent.request({
            origin,
            path: pathname + search,
            method: (init?.method ?? "POST") as "POST",
            headers: carrier ? { ...(init?.headers as Record<string, string> | undefined), ...carrier } : init?.headers,
            body: init?.body as string | undefined,
            signal,
          });
          span?.setAttribute("http.response.status_code", response.statusCode);
          return answered(url, response);
        },
      );
    };
    /** What the subgraph's answer means: its body read whole, a refusal of the gateway or an unavailable subgraph thrown. */
    const answered = async (url: string, response: Dispatcher.ResponseData): Promise<FetcherResponse> => {
      // Its headers are an answer: the subgraph is alive, however long its body takes.
      lastAnswerAt = Date.now();
      // Read the body here so the timeout covers all of it and the breaker judges the whole answer.
      const body = await response.body.text();
      lastAnswerAt = Date.now();
      if (response.statusCode === 401) {
        // The subgraph does not accept the gateway's assertions (another key set, a clock far off): every
        // caller would be refused whatever their token. Said loudly once, counted by the breaker, and
        // answered to clients as the subgraph being unavailable, never as their own UNAUTHENTICATED.
        if (!refusing) {
          log(
            `[gateway] CONFIGURATION ERROR: subgraph ${serviceName} refuses the gateway's identity assertions (HTTP 401): ` +
              `check that its GATEWAY_JWKS_URL / GATEWAY_JWKS_FILE holds the public key of the gateway's GATEWAY_SIGNING_KEY_FILE`,
          );
        }
        refusing = true;
        throw new SubgraphUnavailableError(serviceName, "ASSERTION_REFUSED");
      }
      if (refusing) log(`[gateway] subgraph ${serviceName} accepts the gateway's identity assertions again`);
      refusing = false;
      if (response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504) {
        throw new SubgraphUnavailableError(serviceName, "BAD_GATEWAY");
      }
      return new BufferedResponse(url, response.statusCode, response.headers, body) as unknown as FetcherResponse;
    };
    const call = async (url: string, init: FetcherRequestInit | undefined, prepareAttempt?: PrepareAttempt): Promise<FetcherResponse> => {
      const signal = AbortSignal.timeout(timeoutMs);
      const startedAt = Date.now();
      const hangWatch = setTimeout(() => {
        // Fired late: the gateway's own event loop was held up (a GC pause, a starved CPU), so the silence
        // may be ours, and answers may be waiting to be read. Not a sign of the subgraph.
        if (Date.now() - startedAt > hangMs * 1.25) return;
        // Judged after the I/O already received is processed (setImmediate runs after the poll phase).
        setImmediate(() => {
          // Nothing answered since this call began: a hang, not a slow query among answers.
          if (lastAnswerAt >= startedAt || signal.aborted) return;
          hangs += 1;
          if (hangs >= (options.breaker.hangsToOpen ?? 3) && breaker.closed) {
            log(`[gateway] subgraph ${serviceName}: ${hangs} calls unanswered for ${hangMs} ms and no answer since; circuit opened`);
            breaker.open();
          }
        });
      }, hangMs);
      try {
        try {
          return await attempt(url, init, prepareAttempt, signal);
        } catch (error) {
          if (signal.aborted || !connectionErrorCode(error) || isMutation(init)) throw error;
          return await attempt(url, init, prepareAttempt, signal);
        }
      } catch (error) {
        if (error instanceof SubgraphUnavailableError) throw error;
        throw new SubgraphUnavailableError(serviceName, signal.aborted ? "TIMEOUT" : "CONNECTION_FAILED", { cause: error });
      } finally {
        clearTimeout(hangWatch);
        if (lastAnswerAt >= startedAt) hangs = 0;
      }
    };
    const breaker = new CircuitBreaker(call, {
      name: serviceName,
      timeout: false, // the call has its own, which also aborts the request
      errorThresholdPercentage: options.breaker.errorThresholdPercentage,
      volumeThreshold: options.breaker.volumeThreshold,
      resetTimeout: options.breaker.resetTimeoutMs,
      rollingCountTimeout: options.breaker.windowMs,
    });
    const observed = (startedAt: bigint, outcome: string) =>
      options.observe?.({
        subgraph: serviceName,
        outcome,
        durationMs: Number(process.hrtime.bigint() - startedAt) / 1e6,
        requestId: currentRequestId(),
      });
    const fetcher: SubgraphFetcher = async (url, init, prepareAttempt) => {
      const startedAt = process.hrtime.bigint();
      try {
        const response = await breaker.fire(url, init, prepareAttempt);
        observed(startedAt, "ok");
        return response;
      } catch (error) {
        const unavailable =
          error instanceof SubgraphUnavailableError
            ? error
            : (error as { code?: unknown }).code === "EOPENBREAKER"
              ? new SubgraphUnavailableError(serviceName, "CIRCUIT_OPEN")
              : undefined;
        observed(startedAt, unavailable?.reason ?? "ERROR");
        throw unavailable ?? error;
      }
    };
    const state = () => {
      if (refusing) return "refuses the gateway's identity assertions (HTTP 401): configuration error";
      if (breaker.opened) return "circuit open (failing fast)";
      if (breaker.halfOpen) return "circuit half-open (probing)";
      return "ready";
    };
    return { fetcher, breaker, state };
  };

  const fetchers = Object.fromEntries(names.map((name) => [name, forSubgraph(name)]));
  return {
    fetchers: fetchers as Record<string, SubgraphFetch>,
    /** Closes every pooled connection and stops the breakers' timers. */
    async close() {
      for (const { breaker } of Object.values(fetchers)) breaker.shutdown();
      await agent.close();
    },
  };
}
