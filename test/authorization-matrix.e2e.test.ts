import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { callersFor, CHESHIRE, STAFFORDSHIRE } from "./support/access-spec";
import { matrixDepartures } from "./support/authorization-matrix";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The authorization matrix: every persona × every guarded field of the
 * contract reachable from the seed cases × in and out of jurisdiction. The
 * gateway's answer must match test/support/access-spec.ts (docs/design.md, Access model):
 * a value where allowed, else null with the exact error. Here through both
 * layers of access control, as in production; authorization-matrix.single-layer.e2e.test.ts
 * runs it through each layer alone.
 */
describe.each([
  [CHESHIRE.name, CHESHIRE, STAFFORDSHIRE],
  [STAFFORDSHIRE.name, STAFFORDSHIRE, CHESHIRE],
])("authorization matrix: %s", (_name, probe, other) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  it.each(callersFor(probe, other).map((caller) => [caller.label, caller] as const))(
    "%s gets exactly what the access model allows",
    async (_label, caller) => {
      expect(await matrixDepartures(stack, probe, caller)).toEqual([]);
    },
  );
});
