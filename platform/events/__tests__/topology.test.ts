import { InProcessBus } from "../in-process-bus";
import { consumerGroupsOf, isProducer, type DomainEvent, type StreamTopology } from "../event";

/**
 * The platform's buses know no application: they are made with a topology
 * and deliver by it. An example application of its own names shows it.
 */
type Shop = "catalogue" | "billing" | "shipping";
const TOPOLOGY: StreamTopology<"prices" | "invoices", Shop> = [
  { name: "prices", producer: "catalogue", consumers: ["billing", "shipping"] },
  { name: "invoices", producer: "billing", consumers: ["shipping"] },
];

const event = (id: string): DomainEvent => ({ id, type: "CHANGED", occurredAt: "2026-01-01T00:00:00Z", payload: {} });

describe("a stream topology given as data", () => {
  it("names each stream's consumer groups, and refuses a stream it does not have", () => {
    expect(consumerGroupsOf(TOPOLOGY, "prices")).toEqual(["billing", "shipping"]);
    expect(consumerGroupsOf(TOPOLOGY, "invoices")).toEqual(["shipping"]);
    expect(() => consumerGroupsOf(TOPOLOGY, "refunds" as "prices")).toThrow('Unknown event stream "refunds"');
  });

  it("tells producers from consumers only", () => {
    expect(isProducer(TOPOLOGY, "catalogue")).toBe(true);
    expect(isProducer(TOPOLOGY, "billing")).toBe(true);
    expect(isProducer(TOPOLOGY, "shipping")).toBe(false);
  });
});

describe("the in-process bus, made with a topology", () => {
  it("hands each event to every consumer group of its stream and to no other", async () => {
    const bus = new InProcessBus(TOPOLOGY);
    const received: string[] = [];
    for (const [stream, group] of [
      ["prices", "billing"],
      ["prices", "shipping"],
      ["invoices", "shipping"],
    ] as const) {
      bus.subscribe({ stream, group, consumer: `${group}-1`, handler: async (e, from) => void received.push(`${group}:${from}:${e.id}`) });
    }
    await bus.publish("prices", [event("p1")]);
    await bus.publish("invoices", [event("i1")]);
    expect(received).toEqual(["billing:prices:p1", "shipping:prices:p1", "shipping:invoices:i1"]);
    expect(bus.topology).toBe(TOPOLOGY);
    await bus.close();
  });

  it("refuses to publish while a consumer group the topology names has no consumer, so the events stay in the outbox", async () => {
    const bus = new InProcessBus(TOPOLOGY);
    bus.subscribe({ stream: "prices", group: "billing", consumer: "billing-1", handler: async () => undefined });
    await expect(bus.publish("prices", [event("p1")])).rejects.toThrow('No consumer of group "shipping" is running for stream "prices"');
    await bus.close();
  });

  it("carries no stream when made with an empty topology (a subgraph built without a bus)", async () => {
    const bus = new InProcessBus([]);
    await expect(bus.publish("prices", [event("p1")])).rejects.toThrow('Unknown event stream "prices"');
  });
});
