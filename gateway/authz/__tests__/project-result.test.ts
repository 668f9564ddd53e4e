import { buildSchema, parse, type GraphQLCompositeType } from "graphql";
import { TYPENAME_KEY, type FieldAuthorizer } from "../remove-unauthorized-fields";
import { projectToOriginalOperation } from "../project-result";

/**
 * The projection of a filtered operation's result back onto the operation the
 * client sent: by response key (aliases), with every unauthorized field null
 * (null propagating from a non-null one), abstract values typed by the
 * filter's __typename, and nothing else changed.
 */
const schema = buildSchema(`
  type Query { force: Force forces: [Force!]! things: [Thing!]! strict: Strict }
  type Force { code: ID! secret: String }
  type Court { code: ID! secret: String }
  type Strict { id: ID! secret: String! }
  union Thing = Force | Court
`);
// The gateway's schema carries resolvers that read by field name; the projection must not use them.
schema.getQueryType()!.getFields().force.resolve = () => ({ code: "WRONG" });
const hideSecret: FieldAuthorizer = (_parent, field) => field.name !== "secret";

const project = (query: string, data: Record<string, unknown>, operationName: string | null = null, variables = {}) =>
  projectToOriginalOperation({ schema, document: parse(query), operationName, variables, data, isAuthorized: hideSecret });

describe("projectToOriginalOperation", () => {
  it("reads each value by its response key, and nulls the unauthorized ones", () => {
    expect(project(`{ a: force { c: code secret } b: force { code } }`, { a: { c: "07" }, b: { code: "21" } })).toEqual({
      a: { c: "07", secret: null },
      b: { code: "21" },
    });
  });

  it("withholds an unauthorized field even if the fetched data carried a value for it", () => {
    expect(
      project(`{ force { code secret } s: force { secret } }`, { force: { code: "07", secret: "leaked" }, s: { secret: "leaked" } }),
    ).toEqual({
      force: { code: "07", secret: null },
      s: { secret: null },
    });
  });

  it("gives a value the filtered result lacks as null", () => {
    expect(project(`{ force { code } }`, {})).toEqual({ force: null });
  });

  it("propagates null from an unauthorized non-null field, as GraphQL does", () => {
    expect(project(`{ strict { id secret } }`, { strict: { id: "s" } })).toEqual({ strict: null });
  });

  it("types abstract values by the filter's __typename, else by their own", () => {
    const query = `{ things { ... on Force { code } ... on Court { code secret } } }`;
    expect(
      project(query, {
        things: [
          { [TYPENAME_KEY]: "Court", code: "B07ED" },
          { __typename: "Force", code: "07" },
        ],
      }),
    ).toEqual({ things: [{ code: "B07ED", secret: null }, { code: "07" }] });
  });

  it("projects the operation named, with the client's variables for @skip/@include", () => {
    const query = `query One { force { code } } query Two($hide: Boolean!) { forces { code @skip(if: $hide) secret } }`;
    expect(project(query, { forces: [{ code: "07" }] }, "Two", { hide: true })).toEqual({ forces: [{ secret: null }] });
    expect(project(query, { forces: [{ code: "07" }] }, "Two", { hide: false })).toEqual({ forces: [{ code: "07", secret: null }] });
    expect(project(query, { force: { code: "07" } }, "One")).toEqual({ force: { code: "07" } });
  });

  it("is null when a non-null root field is withheld", () => {
    const strictSchema = buildSchema(`type Query { secret: String! }`);
    expect(
      projectToOriginalOperation({
        schema: strictSchema,
        document: parse(`{ secret }`),
        operationName: null,
        variables: {},
        data: {},
        isAuthorized: hideSecret,
      }),
    ).toBeNull();
  });

  it("answers the same twice from one schema, from the one bare copy it keeps of it", () => {
    const parents: GraphQLCompositeType[] = [];
    const recordingParents: FieldAuthorizer = (parent, field) => {
      parents.push(parent);
      return hideSecret(parent, field);
    };
    const projectOnce = (code: string) =>
      projectToOriginalOperation({
        schema,
        document: parse(`{ force { code } }`),
        operationName: null,
        variables: {},
        data: { force: { code } },
        isAuthorized: recordingParents,
      });
    expect(projectOnce("07")).toEqual({ force: { code: "07" } });
    expect(projectOnce("21")).toEqual({ force: { code: "21" } });
    // Query.force then Force.code, each time: the same types, so the copy was not built again.
    expect(parents).toHaveLength(4);
    expect(parents[2]).toBe(parents[0]);
    expect(parents[3]).toBe(parents[1]);
  });
});
