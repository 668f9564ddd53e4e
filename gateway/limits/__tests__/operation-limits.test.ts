import { readFileSync } from "node:fs";
import { markdownFiles } from "../../../test/support/markdown";
import { buildSchema, Lexer, parse, Source, TokenKind, type GraphQLSchema } from "graphql";
import { composeSupergraph } from "../../../dev/schema/composition";
import { repoPath } from "../../../platform/repo-root";
import { createOperationLimits, DEFAULT_OPERATION_LIMITS } from "..";
import { countExpandedSelections } from "../max-selections";

/** Every operation the README and docs/ show: their ```graphql blocks and the "query" of each curl example. */
function documentedOperations(): string[] {
  return markdownFiles()
    .filter((file) => file === "README.md" || file.startsWith("docs/"))
    .flatMap((file) => {
      const text = readFileSync(repoPath(file), "utf8");
      const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
      const curls = [...text.matchAll(/'(\{"query":"(?:[^"\\]|\\.)*"\})'/g)].map(
        (match) => (JSON.parse(match[1]) as { query: string }).query,
      );
      return [...blocks, ...curls];
    });
}

/** Lexical tokens as graphql-js counts them against its maxTokens parse option. */
function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  return tokens;
}

describe("operation limits", () => {
  let schema: GraphQLSchema;
  const limits = createOperationLimits();
  beforeAll(async () => {
    schema = buildSchema((await composeSupergraph()).apiSchemaSdl);
  });

  it("leaves every documented example at most half of each limit (headroom for real clients)", () => {
    const operations = documentedOperations();
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const source of operations) {
      const measured = limits.measure(schema, parse(source));
      for (const [limit, value] of Object.entries(measured)) {
        expect({ source, limit, value: value <= DEFAULT_OPERATION_LIMITS[limit as keyof typeof measured] / 2 }).toEqual({
          source,
          limit,
          value: true,
        });
      }
      expect(tokenCount(source)).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxTokens / 2);
    }
  });

  it("measures each fragment once: 21 doubling levels count 2^21 selections from a walk of 22 fragments", () => {
    const fragments = [`fragment F_0 on Force { code }`];
    for (let i = 1; i <= 21; i += 1) fragments.push(`fragment F_${i} on Force { ...F_${i - 1} ...F_${i - 1} }`);
    const document = parse(`{ forces { ...F_21 } } ${fragments.join(" ")}`);
    const byName = new Map(document.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d] as const] : [])));
    const looked: string[] = [];
    const operation = document.definitions[0];
    if (operation.kind !== "OperationDefinition") throw new Error("expected an operation first");
    const count = countExpandedSelections(operation.selectionSet, (name) => {
      looked.push(name);
      return byName.get(name);
    });
    // forces, its spread of F_21, then each level: two spreads and what they expand to, down to F_0's one field.
    expect(count).toBe(2 + (2 ** 22 - 2) + 2 ** 21);
    expect(looked).toHaveLength(22);
  });
});
