import fc from "fast-check";
import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { callersFor, CHESHIRE, expectedOutcome, probeSpec, STAFFORDSHIRE, type Caller, type FieldSpec } from "./support/access-spec";
import { principalFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Property: whatever operation a caller sends over the contract, no response
 * carries a value its persona and jurisdiction may not see. Operations are
 * random selections of the probe's fields at every depth, with random aliases.
 */
interface Selected {
  spec: FieldSpec;
  alias: string | null;
  children: Selected[] | null;
}

function selectionArbitrary(specs: FieldSpec[], depth = 0): fc.Arbitrary<Selected[]> {
  return fc
    .subarray(specs, { minLength: 1 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((spec) =>
          fc.record({
            spec: fc.constant(spec),
            alias: fc.option(fc.constantFrom("a", "b", "x1", "theField"), { nil: null, freq: 3 }),
            children: spec.children && depth < 3 ? selectionArbitrary(spec.children, depth + 1) : fc.constant(null),
          }),
        ),
      ),
    )
    .map((selected) => {
      // Two fields may not share a response key; keep the first of each.
      const seen = new Set<string>();
      return selected.filter((s) => {
        const key = s.alias ?? s.spec.key;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    });
}

function operationText(selected: Selected[]): string {
  return selected
    .map(({ spec, alias, children }) => `${alias ? `${alias}: ` : ""}${spec.select}${children ? ` { ${operationText(children)} }` : ""}`)
    .join(" ");
}

/** Fields in the answer that carry a value the caller may not see. */
function leaks(selected: Selected[], data: Record<string, unknown> | null | undefined, caller: Caller, path = ""): string[] {
  if (!data) return [];
  return selected.flatMap(({ spec, alias, children }) => {
    const key = alias ?? spec.key;
    const value = data[key];
    const where = `${path}${key}`;
    const outcome = expectedOutcome(spec, caller);
    const empty = value == null || (Array.isArray(value) && value.length === 0);
    if (outcome.kind !== "value" && !empty) return [`${where} (${outcome.kind})`];
    if (!children || value == null) return [];
    return (Array.isArray(value) ? value : [value]).flatMap((item) =>
      leaks(children, item as Record<string, unknown>, caller, `${where}.`),
    );
  });
}

describe("authorization property", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  it("never answers a random operation with a value the persona or jurisdiction may not see", async () => {
    const cases = [
      ...callersFor(CHESHIRE, STAFFORDSHIRE).map((caller) => ({ caller, probe: CHESHIRE })),
      ...callersFor(STAFFORDSHIRE, CHESHIRE).map((caller) => ({ caller, probe: STAFFORDSHIRE })),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...cases)
          .chain(({ caller, probe }) => selectionArbitrary(probeSpec(probe)).map((selected) => ({ caller, selected }))),
        async ({ caller, selected }) => {
          const { status, body } = await stack.query(
            `{ ${operationText(selected)} }`,
            {},
            principalFor(caller.persona, caller.jurisdiction),
          );
          expect(status).toBe(200);
          expect(leaks(selected, body.data, caller)).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 2019 },
    );
  });
});
