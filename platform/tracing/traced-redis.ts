import type { Command } from "ioredis";
import type { RedisClient } from "../redis/client";

/** What Redis and Cluster both send every command through (their signatures differ in what follows the command). */
type CommandSender = { sendCommand(command: Command, ...rest: unknown[]): unknown };
import { failed, SpanKind, startChildSpan } from "./tracing";

const traced = new WeakSet<RedisClient>();

/**
 * Makes each command `redis` sends inside a running trace a client span named
 * by the command alone (never its keys or values: a key can name a record, a
 * value can be a cached answer). Outside a trace (a consumer's blocking read,
 * a health probe) or with tracing off, a command is sent as before, after one
 * check. Returns the same connection.
 */
export function traceRedisCommands<R extends RedisClient>(redis: R): R {
  // A connection handed to two owners (a test's, a bus's) is wrapped once: one span per command.
  if (traced.has(redis)) return redis;
  traced.add(redis);
  const client = redis as unknown as CommandSender;
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command, ...rest) => {
    const name = command.name.toUpperCase();
    const span = startChildSpan(`redis ${name}`, {
      kind: SpanKind.CLIENT,
      attributes: { "db.system.name": "redis", "db.operation.name": name },
    });
    if (!span) return send(command, ...rest);
    command.promise.then(
      () => span.end(),
      (error: unknown) => {
        failed(span, error);
        span.end();
      },
    );
    return send(command, ...rest);
  };
  return redis;
}
