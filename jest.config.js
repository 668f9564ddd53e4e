/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/gateway", "<rootDir>/subgraphs", "<rootDir>/schema", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Transpile-only: tsc (npm run build / typecheck) owns type checking.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 60_000,
};
