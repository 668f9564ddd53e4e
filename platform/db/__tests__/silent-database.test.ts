import { once } from "node:events";
import net from "node:net";
import { GraphQLError } from "graphql";
import { openPostgres } from "../db";

/**
 * A Postgres that accepts connections and never answers (a hung server, a
 * black-holing proxy): queries fail within the connect timeout, as the
 * retryable DATABASE_UNAVAILABLE, with a detail for the log and start-up
 * message that names the variable the URL came from.
 */
describe("a database that accepts connections and never answers", () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let port: number;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("fails a query (and a transaction) with DATABASE_UNAVAILABLE naming AUDIT_DATABASE_URL, within the connect timeout", async () => {
    const errorLog = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const db = openPostgres({
      url: `postgres://nobody@127.0.0.1:${port}/silent`,
      schema: "audit",
      urlVariable: "AUDIT_DATABASE_URL",
      store: "the audit trail",
      timeouts: { connectMs: 300 },
    });
    try {
      for (const attempt of [() => db.query("SELECT 1"), () => db.transaction((tx) => tx.query("SELECT 1"))]) {
        const failure = await attempt().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(GraphQLError);
        expect((failure as GraphQLError).extensions.code).toBe("DATABASE_UNAVAILABLE");
        expect((failure as GraphQLError).originalError?.message).toMatch(
          /the audit trail \(AUDIT_DATABASE_URL\) did not answer .*DB_CONNECT_TIMEOUT_MS=300/,
        );
        expect((failure as GraphQLError).message).not.toContain("AUDIT_DATABASE_URL");
      }
    } finally {
      errorLog.mockRestore();
      await db.close();
    }
  });
});
