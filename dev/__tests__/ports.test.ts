import net from "node:net";
import { takenPorts } from "../ports";

/** npm start refuses to start on a port something else holds, naming it, its variable and, where it can tell, its holder. */
describe("the ports npm start would listen on", () => {
  let holder: net.Server;
  let held: number;
  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    held = (holder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it("names a taken port, the variable that moves it, and the process that holds it", async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const taken = await takenPorts(
      [
        { owner: "gateway", variable: "GATEWAY_PORT", port: held },
        { owner: "orders subgraph", variable: "ORDERS_PORT", port: free },
        { owner: "people subgraph", variable: "PEOPLE_PORT", port: 0 },
      ],
      "127.0.0.1",
    );
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatch(new RegExp(`^port ${held} \\(the gateway; GATEWAY_PORT\\) is taken by `));
    // This test's own process holds it; where /proc cannot tell (another OS), the line says so instead.
    if (process.platform === "linux") expect(taken[0]).toContain(`by pid ${process.pid}: `);
  });
});
