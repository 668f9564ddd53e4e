import { SUBGRAPH_NAMES } from "../../domain/topology";
import { AuthorizationPolicy } from "../../gateway/authz/policy";
import { jurisdictionOf } from "../../platform/subgraph/access-table";
import { jurisdictionRows } from "../../platform/subgraph/jurisdiction-table";
import { SUBGRAPHS } from "../../subgraphs/registry";

/**
 * The tables npm run compose generates from the code, each in a file of its own
 * under docs/generated/: nothing hand-written is ever rewritten by a tool, and
 * the hand-written pages link to these.
 */
export interface GeneratedDoc {
  /** Path inside the repository. */
  path: string;
  content: string;
}

const DO_NOT_EDIT = "Do not edit: `npm run compose` writes this file, and a test fails when it differs from what the code gives.";

/** Every type and field that needs a scope, generated from the supergraph's directives. */
export function accessTableDoc(supergraphSdl: string): GeneratedDoc {
  const rows = [...AuthorizationPolicy.fromSupergraph(supergraphSdl).policy.describe()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([element, requirement]) => `| \`${element}\` | ${requirement} |`);
  return {
    path: "docs/generated/access.md",
    content: [
      "# Field scopes: what each type and field requires",
      "",
      "Generated from `schema/supergraph.graphql`: the `@authenticated` and `@requiresScopes` directives that each",
      "subgraph's `access.ts` declares. What they mean and how they are enforced: [Field scopes](../access-model.md#field-scopes).",
      DO_NOT_EDIT,
      "",
      "| type or field | requires |",
      "|---|---|",
      ...rows,
      "",
    ].join("\n"),
  };
}

/** The record-level table: every subgraph's jurisdiction table, as the code declares and enforces it. */
export function jurisdictionTableDoc(): GeneratedDoc {
  const rows = SUBGRAPH_NAMES.flatMap((name) => jurisdictionRows(name, jurisdictionOf(SUBGRAPHS[name].access)));
  return {
    path: "docs/generated/jurisdiction.md",
    content: [
      "# Jurisdiction: who sees each type and field",
      "",
      "Generated from `subgraphs/*/access.ts`, the tables the platform enforces. What the protection classes mean:",
      "[Jurisdiction](../access-model.md#jurisdiction-record-level-in-the-subgraphs).",
      DO_NOT_EDIT,
      "",
      "| subgraph | type or field | protection | who sees it |",
      "|---|---|---|---|",
      ...rows,
      "",
    ].join("\n"),
  };
}
