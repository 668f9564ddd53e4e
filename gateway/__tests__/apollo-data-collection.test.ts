import { readFileSync } from "node:fs";
import * as apolloTelemetry from "@apollo/gateway/dist/utilities/opentelemetry";
import { repoPath } from "../../platform/repo-root";
import { createGateway } from "../server";

describe("the gateway and Apollo's data collection", () => {
  const original = process.env.APOLLO_TELEMETRY_DISABLED;
  afterEach(() => {
    if (original === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = original;
  });

  it("never starts the exporter that sends usage metrics to Apollo, whatever the environment said", async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const exporter = jest.spyOn(apolloTelemetry, "createDataCollectionExporter");
    exporter.mockImplementation(() => {
      throw new Error("the gateway started Apollo's usage-metrics exporter");
    });
    try {
      createGateway(
        {
          supergraphSdl: readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"),
          subgraphUrls: {
            people: "http://127.0.0.1:9/graphql",
            orders: "http://127.0.0.1:9/graphql",
            hearings: "http://127.0.0.1:9/graphql",
            breaches: "http://127.0.0.1:9/graphql",
          },
          production: true,
        },
        [],
      );
      expect(exporter).not.toHaveBeenCalled();
    } finally {
      exporter.mockRestore();
    }
  });
});
