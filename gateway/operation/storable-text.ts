import type { ApolloServerPlugin } from "@apollo/server";
import { visit, type DocumentNode } from "graphql";
import { unstorableTextError } from "../../platform/errors/errors";
import type { GatewayConcern } from "../concern";

/**
 * Text Postgres cannot store: U+0000 (text refuses it, SQLSTATE 22P05/22021)
 * and lone UTF-16 surrogates (no UTF-8 form). graphql-js accepts a NUL in a
 * comment or as "\u0000" in a string, and JSON carries both in variables; a
 * subgraph writing such a value, or the audit trail recording it, would fail
 * with an internal error. So every request is checked at the edge, before
 * anything runs, and refused as the caller's mistake, naming where.
 */
// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

function what(text: string): string {
  return text.includes("\u0000") ? "a NUL character (U+0000)" : "a lone UTF-16 surrogate";
}

/**
 * The first string (value or object key) in a JSON value that is not
 * storable, with its path from the variable ("search.familyName",
 * "input.terms[2]"). Walks with its own stack, so no nesting depth can
 * overflow the call stack, and each value once.
 */
export function firstUnstorable(value: unknown, path: string): { path: string; text: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value === "string") {
      if (!isStorableText(next.value)) return { path: next.path, text: next.value };
    } else if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index -= 1)
        stack.push({ value: next.value[index], path: `${next.path}[${index}]` });
    } else if (next.value !== null && typeof next.value === "object") {
      const entries = Object.entries(next.value as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index];
        if (!isStorableText(key)) return { path: `${next.path} (a key)`, text: key };
        stack.push({ value: item, path: `${next.path}.${key}` });
      }
    }
  }
  return null;
}

/** Parsed documents whose literals were found storable (Apollo Server hands out one per query text). */
const checkedDocuments = new WeakSet<DocumentNode>();

/** Throws BAD_USER_INPUT (HTTP 400) naming the variable, or saying the document holds such a character. */
export function assertStorableRequest(source: string | undefined, document: DocumentNode | undefined, variables: unknown): void {
  if (source !== undefined && !isStorableText(source)) throw unstorable("document", `the document contains ${what(source)}`);
  if (document && !checkedDocuments.has(document)) {
    // "\u0000" in a string literal is not in the source text, only in the parsed value.
    visit(document, {
      StringValue(node) {
        if (!isStorableText(node.value)) throw unstorable("document", `a string in the document contains ${what(node.value)}`);
      },
    });
    checkedDocuments.add(document);
  }
  if (variables !== null && typeof variables === "object") {
    for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
      const found = isStorableText(name) ? firstUnstorable(value, name) : { path: "(a variable's name)", text: name };
      if (found) throw unstorable(`$${found.path}`, `contains ${what(found.text)}, which cannot be stored`);
    }
  }
}

const unstorable = unstorableTextError;

/** Apollo Server plugin: every operation's document and variables are checked once it is resolved, before execution. */
export const storableTextPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ source, document, request }) {
        assertStorableRequest(source, document, request.variables);
      },
    };
  },
};

/** The storable-text check as a gateway concern: text no database can store is refused before anything runs. */
export function createStorableTextCheck(): GatewayConcern {
  return { name: "storable text", plugins: [storableTextPlugin] };
}
