import { REDACTED, redactedVariables } from "../variables";

describe("variables in the audit record", () => {
  it("keeps what identifies the consultation and redacts secrets at any depth", () => {
    const recorded = JSON.parse(
      redactedVariables({
        id: "person-1",
        apiToken: "t",
        input: { password: "p", description: "Seen in Crewe", nested: [{ client_secret: "s" }] },
      }),
    );
    expect(recorded).toEqual({
      id: "person-1",
      apiToken: REDACTED,
      input: { password: REDACTED, description: "Seen in Crewe", nested: [{ client_secret: REDACTED }] },
    });
  });

  it("records no variables as an empty object", () => {
    expect(redactedVariables(undefined)).toBe("{}");
  });
});
