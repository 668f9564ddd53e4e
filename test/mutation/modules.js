// @ts-check
/**
 * The modules under mutation testing, each with the tests that are meant to
 * notice a change in it (its own unit tests, and the few wider tests that
 * specify it). A mutant counts only against these: a module is held to its own
 * specification, not to whatever else happens to run it. The list is read by
 * stryker.config.mjs (one Stryker run per module) and by scripts/mutation.js.
 *
 * `threshold` is the module's break threshold: the run fails when its score falls
 * below it. Order: domain and authorization first; gateway/audit and
 * platform/identity last.
 */

/** @typedef {{ file: string, tests: string[], threshold: number }} MutationModule */

/** @type {MutationModule[]} */
const MODULES = [
  { file: "domain/court-decisions.ts", tests: ["domain/__tests__/court-decisions.test.ts"], threshold: 90 },
  { file: "domain/order-status.ts", tests: ["domain/__tests__/order-status.test.ts"], threshold: 90 },
  { file: "domain/pnc.ts", tests: ["domain/__tests__/pnc.test.ts"], threshold: 90 },
  // The lifecycle rules are held to their unit tests; their property tests check them against models, and are too slow to run per mutant.
  { file: "domain/applications.ts", tests: ["domain/__tests__/applications.test.ts"], threshold: 90 },
  { file: "domain/terms.ts", tests: ["domain/__tests__/terms.test.ts"], threshold: 90 },
  { file: "domain/notification.ts", tests: ["domain/__tests__/notification.test.ts"], threshold: 90 },
  { file: "domain/service.ts", tests: ["domain/__tests__/service.test.ts"], threshold: 90 },
  {
    file: "gateway/authz/remove-unauthorized-fields.ts",
    tests: [
      "gateway/authz/__tests__/filter-operation.test.ts",
      "gateway/authz/__tests__/filter-operation.rules.test.ts",
      "gateway/authz/__tests__/authorization.test.ts",
    ],
    threshold: 90,
  },
  {
    file: "gateway/authz/unauthorized-paths.ts",
    tests: [
      "gateway/authz/__tests__/filter-operation.test.ts",
      "gateway/authz/__tests__/filter-operation.rules.test.ts",
      "gateway/authz/__tests__/authorization.test.ts",
    ],
    threshold: 90,
  },
  {
    file: "gateway/authz/policy.ts",
    tests: ["gateway/authz/__tests__/policy.test.ts", "gateway/authz/__tests__/authorization.test.ts"],
    threshold: 90,
  },
  {
    file: "gateway/authz/project-result.ts",
    tests: ["gateway/authz/__tests__/project-result.test.ts", "gateway/authz/__tests__/authorization.test.ts"],
    threshold: 90,
  },
  {
    file: "platform/subgraph/access-guard.ts",
    tests: ["platform/subgraph/__tests__/access-guard.test.ts", "platform/subgraph/__tests__/access-guard.rules.test.ts"],
    threshold: 90,
  },
  { file: "platform/subgraph/jurisdiction-table.ts", tests: ["platform/subgraph/__tests__/jurisdiction-table.test.ts"], threshold: 90 },
  { file: "gateway/audit/disclosure.ts", tests: ["gateway/audit/__tests__/disclosure.test.ts"], threshold: 90 },
  {
    file: "gateway/audit/justification.ts",
    tests: ["gateway/audit/__tests__/justification.test.ts", "gateway/audit/__tests__/justification.rules.test.ts"],
    threshold: 90,
  },
  {
    file: "gateway/audit/recorded-operation.ts",
    tests: ["gateway/audit/__tests__/recorded-operation.test.ts"],
    threshold: 90,
  },
  {
    file: "platform/identity/principal.ts",
    tests: ["platform/identity/__tests__/principal.test.ts", "platform/identity/__tests__/principal.jurisdiction.test.ts"],
    threshold: 90,
  },
  {
    file: "platform/identity/assertion.ts",
    tests: ["platform/identity/__tests__/assertion.test.ts", "platform/identity/__tests__/assertion.verify.test.ts"],
    threshold: 90,
  },
];

/** A module's name as a file name: domain/pnc.ts -> domain-pnc. */
const slugOf = (/** @type {string} */ file) => file.replace(/\.ts$/, "").replace(/[/.]/g, "-");

module.exports = { MODULES, slugOf };
