// @ts-check
import { readdirSync } from "node:fs";
import { URL } from "node:url";
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import importPlugin from "eslint-plugin-import";
import tseslint from "typescript-eslint";

/**
 * The layers and the only directions they may import in (docs/adr/0006-layers.md):
 *
 *   platform  ←  domain  ←  gateway, subgraphs  ←  dev, test, bench
 *
 * platform knows nothing of stalking protection orders; domain is the SPO
 * vocabulary and rules; the gateway and the subgraphs never import each other;
 * nothing imports development tooling, tests or benchmarks. schema/ holds
 * artifacts only (SDL, personas, estate data), readable by everyone.
 * dashboard/ and ide/ are the browser's: each bundled on its own
 * (scripts/dashboard.js, scripts/ide.js), they import no server code, and
 * server code imports none of them (the gateway serves their built files).
 */
const LAYER_RULES = [
  { target: "./platform", from: ["./domain", "./gateway", "./subgraphs", "./dev", "./test", "./bench"], layer: "platform" },
  { target: "./domain", from: ["./gateway", "./subgraphs", "./dev", "./test", "./bench"], layer: "domain" },
  { target: "./gateway", from: ["./subgraphs", "./dev", "./test", "./bench"], layer: "gateway" },
  { target: "./subgraphs", from: ["./gateway", "./dev", "./test", "./bench", "./dashboard", "./ide"], layer: "subgraphs" },
  {
    target: "./dashboard",
    from: ["./platform", "./domain", "./gateway", "./subgraphs", "./dev", "./test", "./bench", "./ide"],
    layer: "dashboard",
  },
  {
    target: "./ide",
    from: ["./platform", "./domain", "./gateway", "./subgraphs", "./dev", "./test", "./bench", "./dashboard"],
    layer: "ide",
  },
  { target: "./gateway", from: ["./dashboard", "./ide"], layer: "gateway" },
  { target: "./dev", from: ["./dashboard", "./ide"], layer: "dev" },
];

/**
 * Each subgraph is deployed on its own: it may use subgraphs/shared/, never another subgraph. The
 * subgraphs are the folders of subgraphs/ but shared/ (test/subgraph-shape.test.ts holds them to
 * the topology in domain/topology.ts), so a new subgraph is kept apart from the others as it is added.
 */
const SUBGRAPHS = readdirSync(new URL("./subgraphs/", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "shared")
  .map((entry) => entry.name);
const SUBGRAPH_RULES = [
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}`,
    // The registry imports every subgraph: through it, one would reach them all.
    from: [...SUBGRAPHS.filter((other) => other !== name).map((other) => `./subgraphs/${other}`), "./subgraphs/registry.ts"],
    layer: `subgraphs/${name}`,
  })),
  // What every subgraph may use must not lead into one of them.
  { target: "./subgraphs/shared", from: SUBGRAPHS.map((name) => `./subgraphs/${name}`), layer: "subgraphs/shared" },
];

const zones = [...LAYER_RULES, ...SUBGRAPH_RULES].flatMap(({ target, from, layer }) =>
  from.map((source) => ({
    target,
    from: source,
    message: `${layer} must not import from ${source.slice(2)}: see docs/adr/0006-layers.md`,
  })),
);

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "bench/results/**", "coverage/**", ".stryker-tmp/**", "reports/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { import: importPlugin },
    settings: { "import/resolver": { node: { extensions: [".ts", ".js", ".json"] } } },
    rules: {
      "import/no-restricted-paths": ["error", { zones }],
      "import/no-cycle": ["error", { maxDepth: 3, ignoreExternal: true }],
      // type-graphql's decorators need the runtime class of a type-only import; the compiler knows better.
      "@typescript-eslint/consistent-type-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-namespace": "off",
    },
  },
  {
    // Tests and benchmarks may reach into anything (test support included) and poke at untyped results.
    files: ["**/__tests__/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: { "import/no-restricted-paths": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
