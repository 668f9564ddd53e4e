import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin } from "@apollo/server";
import { documentNotTrustedError } from "../../platform/errors/errors";
import { repoPath } from "../../platform/repo-root";
import { isServicePersona } from "../audit/justification";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";

/**
 * Apollo's persisted query manifest (what `generate-persisted-query-manifest`
 * writes): every operation a client ships, by the sha256 of its text.
 */
interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: { id: string; name?: string; type?: string; body: string }[];
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The trusted-documents manifest shipped with the reporting dashboard (dashboard/operations/, docs/dashboard.md). */
export const SHIPPED_TRUSTED_DOCUMENTS_FILE = repoPath("schema", "trusted-documents.json");

/**
 * The manifest's documents by id, each id checked against its body: an id
 * that is not its body's sha256 would let a document in under another's name.
 */
export function readTrustedDocuments(file: string): ReadonlyMap<string, string> {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as PersistedQueryManifest;
  if (manifest.format !== "apollo-persisted-query-manifest" || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an Apollo persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
  }
  const documents = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (typeof operation.body !== "string" || operation.id !== sha256(operation.body)) {
      throw new Error(`${file}: operation ${operation.name ?? operation.id} has an id that is not the sha256 of its body`);
    }
    documents.set(operation.id, operation.body);
  }
  return documents;
}

/**
 * Trusted documents as a gateway concern: a service caller (a persona
 * schema/personas.json marks `service`: court listing systems, dashboards)
 * may only send the operations of the manifest, identified by the sha256 of
 * the document's text (Apollo Server's queryHash, the id automatic persisted
 * queries use too). Any other document from such a caller is refused before
 * it runs (PERSISTED_QUERY_NOT_IN_LIST, HTTP 403) and recorded as a refusal
 * (gateway/audit/refusals.ts): a stolen service token can then ask only what
 * the service itself asks. People's tools (officers, analysts, auditors) are
 * not held to it: their questions are not known in advance.
 */
export function createTrustedDocuments(documents: ReadonlyMap<string, string>): GatewayConcern {
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      if (!isServicePersona(contextValue.principal.persona)) return;
      return {
        async didResolveOperation({ queryHash }) {
          if (!documents.has(queryHash)) throw documentNotTrustedError();
        },
      };
    },
  };
  return { name: "trusted documents", plugins: [plugin] };
}
