import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import {
  callersFor,
  CHESHIRE,
  expectedOutcome,
  probeSpec,
  selectionText,
  STAFFORDSHIRE,
  type Caller,
  type FieldSpec,
} from "./support/access-spec";
import { principalFor } from "./support/identity";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * The authorization matrix: every persona × every guarded field of the
 * contract reachable from the seed cases × in and out of jurisdiction. The
 * gateway's answer must match test/support/access-spec.ts (docs/design.md, Access model):
 * a value where allowed, else null with the exact error.
 */
type Errors = NonNullable<GraphQLHttpResponse["body"]["errors"]>;

/** Paths compare without list indices (the gateway reports an unauthorized field once per operation field). */
const pathKey = (path: readonly (string | number)[] | undefined) => (path ?? []).filter((part) => typeof part === "string").join(".");

/** Every difference between the answer and the spec, as readable lines (empty when they agree). */
function differences(
  specs: FieldSpec[],
  data: Record<string, any> | null | undefined,
  errors: Errors,
  caller: Caller,
  path: string[] = [],
): string[] {
  const found: string[] = [];
  for (const spec of specs) {
    const fieldPath = [...path, spec.key];
    const where = fieldPath.join(".");
    const value = data?.[spec.key];
    const errorsHere = errors.filter((error) => pathKey(error.path) === where);
    const expected = expectedOutcome(spec, caller);
    switch (expected.kind) {
      case "unauthorized":
        if (value != null) found.push(`${where}: expected null (unauthorized), got a value`);
        if (!errorsHere.some((error) => error.extensions?.code === "UNAUTHORIZED_FIELD_OR_TYPE"))
          found.push(`${where}: expected UNAUTHORIZED_FIELD_OR_TYPE`);
        break;
      case "forbidden":
        if (value != null) found.push(`${where}: expected null (${expected.reason}), got a value`);
        if (!errorsHere.some((error) => error.extensions?.code === "FORBIDDEN" && error.extensions?.reason === expected.reason)) {
          found.push(`${where}: expected FORBIDDEN/${expected.reason}, got ${JSON.stringify(errorsHere.map((e) => e.extensions))}`);
        }
        break;
      case "hidden":
        if (!(value == null || (Array.isArray(value) && value.length === 0)))
          found.push(`${where}: expected nothing, got ${JSON.stringify(value)}`);
        if (errorsHere.length > 0) found.push(`${where}: expected no error, got ${JSON.stringify(errorsHere.map((e) => e.extensions))}`);
        break;
      case "value":
        if (value == null && spec.mayBeNull && errorsHere.length === 0) break;
        if (value == null) found.push(`${where}: expected a value, got null ${JSON.stringify(errorsHere.map((e) => e.extensions))}`);
        else if (spec.children) {
          for (const item of Array.isArray(value) ? value : [value])
            found.push(...differences(spec.children, item, errors, caller, fieldPath));
        }
        break;
    }
  }
  return found;
}

describe.each([
  [CHESHIRE.name, CHESHIRE, STAFFORDSHIRE],
  [STAFFORDSHIRE.name, STAFFORDSHIRE, CHESHIRE],
])("authorization matrix: %s", (_name, probe, other) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  // One operation per root field: an unauthorized non-null root field (spoStatistics) rightly nulls all of `data`.
  const roots = probeSpec(probe);

  it.each(callersFor(probe, other).map((caller) => [caller.label, caller] as const))(
    "%s gets exactly what the access model allows",
    async (_label, caller) => {
      const found: string[] = [];
      for (const root of roots) {
        const { status, body } = await stack.query(`{ ${selectionText([root])} }`, {}, principalFor(caller.persona, caller.jurisdiction));
        expect(status).toBe(200);
        found.push(...differences([root], body.data, body.errors ?? [], caller));
        // No error other than the ones the spec calls for.
        for (const error of body.errors ?? []) expect(["UNAUTHORIZED_FIELD_OR_TYPE", "FORBIDDEN"]).toContain(error.extensions?.code);
      }
      expect(found).toEqual([]);
    },
  );
});
