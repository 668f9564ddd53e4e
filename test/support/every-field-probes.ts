import {
  getNamedType,
  isLeafType,
  isObjectType,
  isRequiredArgument,
  isUnionType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/** One field of the generated operation, with what a test needs to judge its value. */
export interface SelectedField {
  /** Response key (the field's name: the operation uses no aliases). */
  key: string;
  parentType: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  /** The selected fields of the object(s) it returns; null for a scalar or enum. */
  children: SelectedField[] | null;
}

/** One operation of the set: a root query field, or one entity type through `_entities`. */
export type EveryFieldProbe =
  | { kind: "root"; query: string; variables: Record<string, unknown>; field: SelectedField }
  | {
      kind: "entity";
      query: string;
      variables: { representations: Record<string, unknown>[] };
      type: GraphQLObjectType;
      children: SelectedField[];
    };

export interface EveryFieldOptions {
  /** Arguments as GraphQL text by "Type.field", e.g. { "Query.order": `(id: "spo-1")` }; a field needing arguments without an entry is an error. */
  arguments: Readonly<Record<string, string>>;
  /** One representation per entity type (`__typename` added); an entity type without one is an error. */
  representations: Readonly<Record<string, Record<string, unknown>>>;
  /** How many object levels to descend below each root field or entity. */
  depth: number;
}

/**
 * Generates, from a subgraph's schema, operations selecting every field of
 * every root query field, and of one `_entities` representation of each
 * entity type, objects nested `depth` levels: so a test reads everything a
 * subgraph can answer without listing its fields by hand (a new field is
 * covered as soon as it exists). One operation each, so an error that nulls
 * one (a non-null field) leaves the others to be read.
 */
export function everyFieldProbes(schema: GraphQLSchema, options: EveryFieldOptions): EveryFieldProbe[] {
  const argumentsOf = (parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string => {
    const text = options.arguments[`${parent.name}.${field.name}`];
    if (text !== undefined) return text;
    if (field.args.some(isRequiredArgument))
      throw new Error(`${parent.name}.${field.name} needs arguments: add them to the test's arguments`);
    return "";
  };
  const query = schema.getQueryType()!;
  const select = (type: GraphQLObjectType, depth: number): SelectedField[] =>
    Object.values(type.getFields())
      // The federation fields (_service, _entities) are not the subgraph's data; _entities is probed per entity type below.
      .filter((field) => !(type === query && field.name.startsWith("_")))
      .flatMap((field): SelectedField[] => {
        const named = getNamedType(field.type);
        if (isLeafType(named)) return [{ key: field.name, parentType: type, field, children: null }];
        if (!isObjectType(named))
          throw new Error(`${type.name}.${field.name} returns the abstract type ${named.name}, which this generator does not select`);
        return depth > 1 ? [{ key: field.name, parentType: type, field, children: select(named, depth - 1) }] : [];
      });
  const text = (fields: SelectedField[]): string =>
    fields
      .map((selected) => {
        const head = `${selected.key}${argumentsOf(selected.parentType, selected.field)}`;
        return selected.children === null ? head : `${head} { __typename ${text(selected.children)} }`;
      })
      .join(" ");

  const roots = select(query, options.depth + 1).map((field): EveryFieldProbe => ({
    kind: "root",
    query: `{ ${text([field])} }`,
    variables: {},
    field,
  }));
  const entityUnion = schema.getType("_Entity");
  const entityTypes = isUnionType(entityUnion) ? entityUnion.getTypes() : [];
  const entities = entityTypes.map((type): EveryFieldProbe => {
    const representation = options.representations[type.name];
    if (!representation) throw new Error(`no representation of the entity type ${type.name}: add one to the test's representations`);
    const children = select(type, options.depth);
    return {
      kind: "entity",
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on ${type.name} { ${text(children)} } } }`,
      variables: { representations: [{ __typename: type.name, ...representation }] },
      type,
      children,
    };
  });
  return [...roots, ...entities];
}
