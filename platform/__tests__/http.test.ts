import type { ApolloServer } from "@apollo/server";
import { createHttpService, listen } from "../http";

/** A service whose readiness probe is a request held in flight until the test lets it go. */
async function serviceWithHeldRequest() {
  let release!: () => void;
  let entered!: () => void;
  const inFlight = new Promise<void>((resolve) => (entered = resolve));
  const held = new Promise<void>((resolve) => (release = resolve));
  const running = await listen(
    createHttpService({
      apollo: {} as ApolloServer, // only /health routes are used here
      context: async () => ({}),
      ready: async () => {
        entered();
        await held;
        return { database: "ready" };
      },
    }),
    0,
  );
  return { running, inFlight, release, base: `http://127.0.0.1:${running.port}` };
}

describe("HTTP service shutdown", () => {
  it("stops accepting, lets the request in flight finish, then closes", async () => {
    const { running, inFlight, release, base } = await serviceWithHeldRequest();
    const pending = fetch(`${base}/health/ready`);
    await inFlight;

    const closed = running.close(10_000);
    const refused = await fetch(`${base}/health/live`).then(
      () => "answered",
      (error: Error) => (error.cause as { code?: string })?.code,
    );
    expect(refused).toBe("ECONNREFUSED");

    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ready" } });
    await closed;
  });

  it("with no grace period, cuts the request in flight", async () => {
    const { running, inFlight, release, base } = await serviceWithHeldRequest();
    const pending = fetch(`${base}/health/ready`).then(
      () => "answered",
      () => "cut",
    );
    await inFlight;
    await running.close(0);
    expect(await pending).toBe("cut");
    release();
  });

  it("answers readiness 503 naming what is not ready", async () => {
    const running = await listen(
      createHttpService({
        apollo: {} as ApolloServer,
        context: async () => ({}),
        ready: async () => ({ database: "not answering", events: "ready" }),
      }),
      0,
    );
    try {
      const response = await fetch(`http://127.0.0.1:${running.port}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "not ready", checks: { database: "not answering", events: "ready" } });
    } finally {
      await running.close();
    }
  });
});
