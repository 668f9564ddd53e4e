import { expectedOutcome, probeSpec, selectionText, type Caller, type FieldSpec, type SeedCaseProbe } from "./access-spec";
import { principalFor } from "./identity";
import type { GraphQLHttpResponse, TestStack } from "./stack";

/**
 * How an answer to the authorization matrix's probe is held to the access
 * spec (test/support/access-spec.ts): shared by the matrix run through both
 * layers of access control and the runs through each layer alone.
 */
type Errors = NonNullable<GraphQLHttpResponse["body"]["errors"]>;

/** Paths compare without list indices (the gateway reports an unauthorized field once per operation field). */
const pathKey = (path: readonly (string | number)[] | undefined) => (path ?? []).filter((part) => typeof part === "string").join(".");

/** Every difference between the answer and the spec, as readable lines (empty when they agree). */
export function differences(
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

/**
 * Asks the probe (one operation per root field: an unauthorized non-null root field, spoStatistics,
 * rightly nulls all of `data`) as `caller`, and returns every departure from the spec, any error
 * other than the ones the spec calls for included.
 */
export async function matrixDepartures(stack: TestStack, probe: SeedCaseProbe, caller: Caller): Promise<string[]> {
  const found: string[] = [];
  for (const root of probeSpec(probe)) {
    const { status, body } = await stack.query(`{ ${selectionText([root])} }`, {}, principalFor(caller.persona, caller.jurisdiction));
    if (status !== 200) found.push(`${root.key}: HTTP ${status}`);
    found.push(...differences([root], body.data, body.errors ?? [], caller));
    for (const error of body.errors ?? []) {
      const code = error.extensions?.code;
      if (code !== "UNAUTHORIZED_FIELD_OR_TYPE" && code !== "FORBIDDEN")
        found.push(`${root.key}: unexpected error ${JSON.stringify(error)}`);
    }
  }
  return found;
}
