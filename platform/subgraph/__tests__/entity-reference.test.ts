import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { FieldResolver, Query, Resolver, Root, buildSchema } from "type-graphql";
import { entityReferenceType } from "../entity-reference";

/** The one way subgraphs declare and make stubs of entities they do not own. */
describe("entityReferenceType", () => {
  it("declares the type by its owner's name with only its key and @key, and makes stubs with of(key)", async () => {
    const ThingReference = entityReferenceType("Thing", "code", { resolvable: false });
    @Resolver()
    class ThingQuery {
      @Query(() => ThingReference)
      thing() {
        return ThingReference.of("T1");
      }
    }
    const sdl = printSchemaWithDirectives(await buildSchema({ resolvers: [ThingQuery], skipCheck: true, validate: false }));
    expect(sdl).toContain('type Thing @key(fields: "code", resolvable: false) {\n  code: ID!\n}');
    expect(ThingReference.of("T1")).toEqual({ code: "T1" });
    expect(ThingReference.of("T1")).toBeInstanceOf(ThingReference);
    expect(ThingReference.of(null)).toBeNull();
  });

  it("gives each subgraph a class of its own, so fields one subgraph adds never appear in another's schema", async () => {
    const InFirst = entityReferenceType("Shared", "id");
    const InSecond = entityReferenceType("Shared", "id");
    @Resolver(() => InFirst)
    class FirstResolver {
      @Query(() => InFirst)
      first() {
        return InFirst.of("1");
      }
      @FieldResolver(() => String)
      addedByFirst(@Root() shared: InstanceType<typeof InFirst>) {
        return shared.id;
      }
    }
    @Resolver(() => InSecond)
    class SecondResolver {
      @Query(() => InSecond)
      second() {
        return InSecond.of("2");
      }
      @FieldResolver(() => String)
      addedBySecond(@Root() shared: InstanceType<typeof InSecond>) {
        return shared.id;
      }
    }
    // Built one after the other in one process, as npm start and composition build the four subgraphs.
    const build = (resolver: typeof FirstResolver | typeof SecondResolver) =>
      buildSchema({ resolvers: [resolver], skipCheck: true, validate: false }).then(printSchemaWithDirectives);
    const first = await build(FirstResolver);
    const second = await build(SecondResolver);
    expect(first).toContain("addedByFirst");
    expect(first).not.toContain("addedBySecond");
    expect(second).toContain("addedBySecond");
    expect(second).not.toContain("addedByFirst");
  });
});
