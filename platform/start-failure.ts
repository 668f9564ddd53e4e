import { describeStartFailure } from "./errors/error-log";
import { createLogger, processLog, type Logger } from "./log";

/**
 * Ends a process that could not start: one fatal line saying why (a
 * configuration problem lists every variable at fault), exit code 1, no stack
 * trace. When the logging settings are themselves at fault, the line is still written, as JSON.
 */
export function exitOnStartFailure(service: string, error: unknown): never {
  let log: Logger;
  try {
    log = processLog();
  } catch {
    log = createLogger({ service, settings: { level: "info", format: "json" } });
  }
  log.fatal(`failed to start: ${describeStartFailure(error)}`);
  process.exit(1);
}
