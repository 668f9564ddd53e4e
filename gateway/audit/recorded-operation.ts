import { createHash } from "node:crypto";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { INPUT_PROTECTION, OPEN_SCALARS } from "../../domain/input-protection";
import type { AuditValueHasher } from "../../platform/audit/value-hash";

/**
 * What the audit record keeps of an operation's text (docs/audit-trail.md):
 * the trail is a copy, so it follows the data's rules.
 *
 * - The document as printed by graphql-js (comments dropped), with every
 *   string literal at a case-notes or identity input (domain/input-protection.ts),
 *   or at an input nobody classified (fail closed), replaced by its keyed hash.
 * - Only the operation's declared variables, as coerced (undeclared ones are
 *   dropped, so their nesting is bounded by the schema's input types), with the
 *   same values replaced, and secret-named ones redacted.
 * - A text longer than the bound is stored as its sha256 and length.
 * - documentHash: the sha256 of the document as sent when that is exactly the
 *   stored text; otherwise (something was hashed, or a comment dropped) its
 *   keyed hash, so no plain hash of text the trail does not hold can be tested
 *   against guesses.
 */
export interface RecordedText {
  document: string;
  documentHash: string;
  variables: string;
}

export interface RecordingRules {
  hasher: AuditValueHasher;
  /** Most bytes (UTF-8) of the stored document, and of the stored variables. */
  maxTextBytes: number;
}

/** Variable and input field names that carry secrets: their values are never kept, not even hashed. */
const SECRET_NAME = /pass(word)?|secret|token|credential|authori[sz]ation|api[-_]?key|private[-_]?key/i;
export const REDACTED = "[redacted]";
/** Deeper than any input type of this API; a recursive input type could otherwise nest as deep as the body allows. */
const MAX_VALUE_DEPTH = 32;

type Keeping = "raw" | "hash";

/** How a value at `position` (an input field or argument, null where unknown) of leaf type `leaf` is kept. */
function keepingAt(position: string | null, leaf: GraphQLNamedType | undefined): Keeping {
  const rule = position === null ? undefined : INPUT_PROTECTION[position];
  if (rule) return rule.protection === "open" ? "raw" : "hash";
  if (leaf && (isEnumType(leaf) || (isScalarType(leaf) && OPEN_SCALARS.has(leaf.name)))) return "raw";
  return "hash";
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The stored form of a text over the bound, in the text's own language (a GraphQL comment, a JSON object). */
function bounded(text: string, maxBytes: number, kind: "document" | "variables"): string {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= maxBytes) return text;
  return kind === "document"
    ? `# omitted: ${bytes} bytes, sha256 ${sha256(text)}`
    : JSON.stringify({ $omitted: { bytes, sha256: sha256(text) } });
}

/**
 * Where each variable is used: the most protective keeping of its uses. A
 * variable passed to `familyName` is hashed wherever else it also goes.
 */
function variableKeeping(schema: GraphQLSchema, document: DocumentNode): Map<string, Keeping> {
  const keeping = new Map<string, Keeping>();
  walkPositions(schema, document, {
    variable(name, position, leaf) {
      if (keeping.get(name) !== "hash") keeping.set(name, keepingAt(position, leaf));
    },
  });
  return keeping;
}

/**
 * Visits the document with the position of every value: `Type.field(arg)`
 * for an argument, `Input.field` inside an input object, `$name` in a
 * variable's default value. A value's position is that of the innermost
 * argument, input field or variable definition around it (a list's items
 * stand where the list stands). An argument the schema does not have, and a
 * directive's argument, has none (null: nobody classified it, fail closed).
 */
function walkPositions(
  schema: GraphQLSchema,
  document: DocumentNode,
  on: {
    variable?: (name: string, position: string | null, leaf: GraphQLNamedType | undefined) => void;
    string?: (value: string, position: string | null, leaf: GraphQLNamedType | undefined) => string | undefined;
  },
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  // Worked out on entering each node, while TypeInfo knows where it stands.
  const positionOf = new Map<ASTNode, string | null>();
  // graphql-js hands a visitor the node's parent apart from the ancestors above it.
  const positionAround = (parent: unknown, ancestors: readonly unknown[]): string | null => {
    for (const around of [...ancestors, parent].reverse()) {
      const position = positionOf.get(around as ASTNode);
      if (position !== undefined) return position;
    }
    return null;
  };
  const leafType = () => {
    const type = typeInfo.getInputType();
    return type ? getNamedType(type) : undefined;
  };
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        positionOf.set(node, `$${node.variable.name.value}`);
      },
      Argument(node) {
        // TypeInfo gives no argument (undefined, not null) for a name the field does not have.
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        positionOf.set(
          node,
          argument && field && parent && !typeInfo.getDirective() ? `${parent.name}.${field.name}(${argument.name})` : null,
        );
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : undefined;
        positionOf.set(
          node,
          named && isInputObjectType(named) && named.getFields()[node.name.value] ? `${named.name}.${node.name.value}` : null,
        );
      },
      Variable(node, _key, parent, _path, ancestors) {
        const position = positionAround(parent, ancestors);
        // The variable a definition declares is not a use of it.
        if (position?.startsWith("$")) return;
        on.variable?.(node.name.value, position, leafType());
      },
      StringValue(node, _key, parent, _path, ancestors) {
        const value = on.string?.(node.value, positionAround(parent, ancestors), leafType());
        return value === undefined ? undefined : { ...node, value, block: false };
      },
    }),
  );
}

/** The document as the trail keeps it: printed, its protected string literals replaced by their keyed hashes. */
function printedDocument(schema: GraphQLSchema, document: DocumentNode, keeping: Map<string, Keeping>, hasher: AuditValueHasher): string {
  const redacted = walkPositions(schema, document, {
    string(value, position, leaf) {
      // A variable's default value is kept as the variable is (hashed if the variable is used nowhere).
      const raw = position?.startsWith("$") ? keeping.get(position.slice(1)) === "raw" : keepingAt(position, leaf) === "raw";
      return raw ? undefined : hasher.hash(value);
    },
  });
  return print(redacted);
}

interface DocumentWork {
  schema: GraphQLSchema;
  hasher: AuditValueHasher;
  keeping: Map<string, Keeping>;
  printed: string;
}

/**
 * Both depend on the document, the schema and the key only, never on the
 * request: worked out once per parsed document (Apollo Server hands out one
 * DocumentNode per query text), dropped with it.
 */
const documentWork = new WeakMap<DocumentNode, DocumentWork>();

function workOf(schema: GraphQLSchema, document: DocumentNode, hasher: AuditValueHasher): DocumentWork {
  const known = documentWork.get(document);
  if (known && known.schema === schema && known.hasher === hasher) return known;
  const keeping = variableKeeping(schema, document);
  const work = { schema, hasher, keeping, printed: printedDocument(schema, document, keeping, hasher) };
  documentWork.set(document, work);
  return work;
}

/** The document as the trail keeps it (see RecordedText). */
export function recordedDocument(schema: GraphQLSchema, document: DocumentNode, hasher: AuditValueHasher): string {
  return workOf(schema, document, hasher).printed;
}

/** One coerced value as JSON, along its input type. */
function recordedValue(value: unknown, type: GraphQLInputType, keeping: Keeping, hasher: AuditValueHasher, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (depth > MAX_VALUE_DEPTH) return "[too deep]";
  if (isNonNullType(type)) return recordedValue(value, type.ofType, keeping, hasher, depth);
  if (isListType(type)) {
    // Coercion has made a list of a single value given for a list type.
    return (value as unknown[]).map((item) => recordedValue(item, type.ofType, keeping, hasher, depth + 1));
  }
  if (isInputObjectType(type)) {
    const object = value as Record<string, unknown>;
    const recorded: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (!(field.name in object)) continue;
      recorded[field.name] = SECRET_NAME.test(field.name)
        ? REDACTED
        : recordedValue(
            object[field.name],
            field.type,
            keepingAt(`${type.name}.${field.name}`, getNamedType(field.type)),
            hasher,
            depth + 1,
          );
    }
    return recorded;
  }
  let serialized: unknown;
  try {
    serialized = type.serialize(value);
  } catch {
    serialized = String(value);
  }
  if (keeping === "raw") return serialized;
  return hasher.hash(typeof serialized === "string" ? serialized : JSON.stringify(serialized));
}

/** The declared variables of `operation`, as coerced, as the trail keeps them (JSON). */
export function recordedVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  coerced: Readonly<Record<string, unknown>>,
  hasher: AuditValueHasher,
): string {
  const { keeping } = workOf(schema, document, hasher);
  const recorded: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!Object.prototype.hasOwnProperty.call(coerced, name)) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (SECRET_NAME.test(name)) recorded[name] = REDACTED;
    // A type the schema lacks: only a hand-made value can stand here (resolution refuses the variable); kept as hashed text.
    else if (!type) recorded[name] = hasher.hash(String(JSON.stringify(coerced[name])));
    else recorded[name] = recordedValue(coerced[name], type, keeping.get(name) ?? "hash", hasher, 0);
  }
  return JSON.stringify(recorded);
}

/** The record's document, documentHash and variables for an operation that was resolved (coerced variables in hand). */
export function recordedOperation(
  input: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operation: OperationDefinitionNode;
    variables: Readonly<Record<string, unknown>>;
    /** The document as the client sent it. */
    source: string;
  },
  rules: RecordingRules,
): RecordedText {
  const document = bounded(recordedDocument(input.schema, input.document, rules.hasher), rules.maxTextBytes, "document");
  return {
    document,
    documentHash: documentHashOf(input.source, document, rules.hasher),
    variables: bounded(
      recordedVariables(input.schema, input.document, input.operation, input.variables, rules.hasher),
      rules.maxTextBytes,
      "variables",
    ),
  };
}

/** sha256 of the document as sent if the trail holds exactly that text; else its keyed hash. */
export function documentHashOf(source: string, stored: string, hasher: AuditValueHasher): string {
  return stored === source ? sha256(source) : hasher.hash(source);
}

/**
 * For a request refused before its operation was resolved (over a limit):
 * the document if it parsed (printed and hashed as above), else only its
 * size; its variables never (they were not checked against any type).
 */
export function recordedUnresolved(
  input: { schema: GraphQLSchema; document: DocumentNode | undefined; source: string; variables: unknown },
  rules: RecordingRules,
): RecordedText {
  const sourceBytes = Buffer.byteLength(input.source, "utf8");
  let document = `# not parsed: ${sourceBytes} bytes`;
  if (input.document) {
    try {
      document = bounded(recordedDocument(input.schema, input.document, rules.hasher), rules.maxTextBytes, "document");
    } catch {
      // A document graphql-js could not even walk against the schema is kept by its size only.
    }
  }
  const declared = input.variables !== null && typeof input.variables === "object" && Object.keys(input.variables).length > 0;
  return {
    document,
    documentHash: documentHashOf(input.source, document, rules.hasher),
    variables: declared ? JSON.stringify({ $omitted: "not checked against any type: a refused document's variables are not kept" }) : "{}",
  };
}
