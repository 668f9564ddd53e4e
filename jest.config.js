/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/platform", "<rootDir>/domain", "<rootDir>/gateway", "<rootDir>/subgraphs", "<rootDir>/dev", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Transpile-only: tsc (npm run build / typecheck) owns type checking.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  // Probes Redis once; suites that need it are skipped (loudly) without it, or fail the run with REQUIRE_SERVICES=1.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  testTimeout: 60_000,
};
