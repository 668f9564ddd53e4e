import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from "pino";
import { ConfigError } from "./env";
import { envPiece, readPiece, type EnvPiece } from "./env-schema";
import { optionalChoiceVar } from "./env-values";
import { currentRequestId } from "./request-scope";
import { currentTraceId } from "./tracing/trace-id";

export type { Logger } from "pino";

/** Where log lines go and how they look: JSON for machines, pretty only for a developer's terminal. */
export type LogFormat = "json" | "pretty";

export interface LogSettings {
  /** pino's levels, or "silent". */
  level: Level | "silent";
  format: LogFormat;
}

/** pino's own levels (stated there, not again here), and "silent". */
const LEVELS: [string, ...string[]] = ["silent", ...Object.keys(pino.levels.values)];

/**
 * LOG_LEVEL (default info; silent under jest, whose NODE_ENV is "test", so a
 * test run prints nothing but its results) and LOG_FORMAT (default pretty with
 * NODE_ENV=development or on a terminal outside production, JSON otherwise: a
 * production collector reads one JSON object a line; pretty is refused in
 * production, where pino-pretty, a development dependency, is not installed).
 */
export const logPiece: EnvPiece<LogSettings> = envPiece({
  variables: {
    LOG_LEVEL: optionalChoiceVar(LEVELS, {
      default: "`info`; `silent` under jest (`NODE_ENV=test`)",
      meaning: "`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent` ([Logs](../operations.md#logs))",
    }),
    LOG_FORMAT: optionalChoiceVar(["json", "pretty"], {
      default: "`pretty` with `NODE_ENV=development` or on a terminal outside production (`npm start`), `json` otherwise",
      meaning: "`json` (one object a line) or `pretty` (pino-pretty, a development dependency; refused with `NODE_ENV=production`)",
    }),
  },
  read: (values, context) => {
    const env = process.env;
    const level = values.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info");
    // A terminal outside production and tests is a developer's (containers have none): pretty there too.
    const developer =
      env.NODE_ENV === "development" || (process.stdout.isTTY === true && env.NODE_ENV !== "production" && env.NODE_ENV !== "test");
    const format = values.LOG_FORMAT ?? (developer ? "pretty" : "json");
    if (format === "pretty" && context.production) throw new ConfigError(`LOG_FORMAT="pretty": for development only`);
    return { level: level as LogSettings["level"], format: format as LogFormat };
  },
});

export function readLogSettings(): LogSettings {
  return readPiece(logPiece);
}

/**
 * The one way a logger is made. Every line is JSON with its level as a word,
 * an ISO timestamp and, when written while a request is being served, that
 * request's id (read from the request scope, so no call site has to pass it)
 * and, when it is traced, its trace id.
 * `destination` is for tests, which read the lines back.
 */
export function createLogger(options: { service: string; settings?: LogSettings; destination?: DestinationStream }): Logger {
  const settings = options.settings ?? readLogSettings();
  const base: LoggerOptions = {
    level: settings.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      const traceId = currentTraceId();
      return { ...(requestId === undefined ? {} : { requestId }), ...(traceId === undefined ? {} : { traceId }) };
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (settings.format === "pretty") {
    // A worker thread of pino-pretty (a development dependency): never loaded in production.
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: {
          colorize: true,
          translateTime: "SYS:HH:MM:ss",
          // One line per event, named by its service (and subgraph): a developer's terminal, not a collector.
          singleLine: true,
          ignore: "pid,hostname,service,subgraph,url",
          messageFormat: "[{service}{if subgraph} {subgraph}{end}] {msg}",
        },
      },
    });
  }
  return pino(base);
}

let processLogger: Logger | undefined;

/**
 * This process's logger, made on first use from LOG_LEVEL and LOG_FORMAT:
 * the default of every module that is not handed a logger by its composition
 * root. Its service is the process's own (set once by the entry point with
 * nameProcessLogger, else "spo").
 */
export function processLog(): Logger {
  processLogger ??= createLogger({ service: "spo" });
  return processLogger;
}

/** Called once by an entry point (gateway/main.ts, a subgraph's main, a CLI) before anything logs. */
export function nameProcessLogger(service: string): Logger {
  processLogger = createLogger({ service });
  return processLogger;
}

/** A child logger for one component of a service (`component` on each of its lines). */
export function componentLog(component: string, parent: Logger = processLog()): Logger {
  return parent.child({ component });
}
