import { STREAMS, type StreamName } from "../../domain/topology";
import type { EventBus, SubscribeOptions, Subscription } from "../../platform/events/bus";
import type { DataDomain } from "./cacheability";

/**
 * The streams whose events change statistics once a consumer applies them:
 * court decisions (orders made, ended; breach convictions) and order facts.
 */
export const STATISTICS_STREAMS: ReadonlySet<string> = new Set<StreamName>([STREAMS.hearingOutcomes.name, STREAMS.orderFacts.name]);

/**
 * The event bus with cache invalidation after each consumer: once a handler
 * has committed an event of a statistics stream, the statistics generation is
 * bumped — before the event is acknowledged, so "every event is applied" also
 * means "every entry it made stale is unreachable". For a stack whose
 * subgraphs and gateway share a process and a cache (tests, benchmarks,
 * embedded deployments); see docs/performance.md (Response cache,
 * invalidation) for separate processes.
 */
export function invalidatingOnEvents(bus: EventBus, invalidate: (domains: readonly DataDomain[]) => Promise<void>): EventBus {
  return {
    get kind() {
      return bus.kind;
    },
    get topology() {
      return bus.topology;
    },
    publish: (stream, events) => bus.publish(stream, events),
    confirmations: (stream) => bus.confirmations(stream),
    subscribe(options: SubscribeOptions): Subscription {
      if (!STATISTICS_STREAMS.has(options.stream)) return bus.subscribe(options);
      return bus.subscribe({
        ...options,
        handler: async (event, stream) => {
          await options.handler(event, stream);
          await invalidate(["statistics"]);
        },
      });
    },
    backlog: (stream, group) => bus.backlog(stream, group),
    groupProgress: (stream, group) => bus.groupProgress(stream, group),
    health: () => bus.health(),
    close: () => bus.close(),
  };
}
