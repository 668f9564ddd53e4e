import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from "../../domain/topology";
import { AUDIT_CLI_ENV } from "../../gateway/audit.cli";
import { GATEWAY_ENV } from "../../gateway/config";
import { subgraphsEnvSchema } from "../../platform/config";
import type { EnvSchema } from "../../platform/env-schema";
import type { GeneratedDoc } from "./access-table";

/** Each service's schema, as the table names it. */
const SERVICES: readonly [string, EnvSchema<unknown>][] = [
  ["gateway", GATEWAY_ENV],
  ["subgraphs", subgraphsEnvSchema(SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS)],
  ["`npm run audit`", AUDIT_CLI_ENV],
];

const cell = (text: string) => text.replace(/\|/g, "\\|");

/**
 * What NODE_ENV=production requires of `name`: "yes" when every service that
 * reads it requires it, else the services that do; with the variables that do instead.
 */
function requiredInProduction(name: string, usedBy: readonly string[]): string {
  const requiring = SERVICES.map(([service, schema]) => ({
    service,
    requirements: schema.production.filter((requirement) => requirement.anyOf.includes(name)),
  })).filter(({ requirements }) => requirements.length > 0);
  if (requiring.length === 0) return "";
  const who = requiring.length === usedBy.length ? "yes" : requiring.map(({ service }) => service).join(", ");
  const instead = [
    ...new Set(requiring.flatMap(({ requirements }) => requirements.flatMap((requirement) => requirement.anyOf)).filter((other) => other !== name)),
  ];
  return instead.length === 0 ? who : `${who} (or ${instead.map((other) => `\`${other}\``).join(", ")})`;
}

/** Every variable a service reads, generated from the services' schemas (platform/env-schema.ts). */
export function configurationTableDoc(): GeneratedDoc {
  const rows = new Map<string, { usedBy: string[]; default: string; meaning: string }>();
  for (const [service, schema] of SERVICES) {
    for (const [name, variable] of schema.variables) {
      const row = rows.get(name) ?? { usedBy: [], default: variable.default, meaning: variable.meaning };
      row.usedBy.push(service);
      rows.set(name, row);
    }
  }
  return {
    path: "docs/generated/configuration.md",
    content: [
      "# Environment variables of each service",
      "",
      "Generated from the configuration schemas the services validate at start (each concern declares its variables",
      "next to its code; `platform/env-schema.ts`). How configuration is read and checked: [Configuration](../configuration.md).",
      "Do not edit: `npm run compose` writes this file, and a test fails when it differs from what the code gives.",
      "",
      "| variable | used by | default | required in production | meaning |",
      "|---|---|---|---|---|",
      ...[...rows].map(
        ([name, row]) =>
          `| \`${name}\` | ${row.usedBy.join(", ")} | ${cell(row.default)} | ${requiredInProduction(name, row.usedBy)} | ${cell(row.meaning)} |`,
      ),
      "",
    ].join("\n"),
  };
}
