import { GraphQLError } from "graphql";
import { DatabaseError } from "pg";
import { describeErrorForLog } from "../error-log";

describe("errors in the application log", () => {
  it("describe a database error by its code and the object at fault, never by the values it quotes", () => {
    const error = new DatabaseError('duplicate key value violates unique constraint "person_pnc" for "Exampleton"', 120, "error");
    Object.assign(error, {
      code: "23505",
      constraint: "person_pnc",
      table: "person",
      detail: "Key (pnc_id)=(2003/0271828X) already exists.",
    });
    const logged = describeErrorForLog(new GraphQLError("Unexpected error", { path: ["searchPeople", 0, "name"], originalError: error }));
    expect(logged).toMatch(/^GraphQLError path=searchPeople\.0\.name \(message withheld/);
    expect(logged).toContain("caused by: error code=23505 constraint=person_pnc table=person");
    expect(logged).not.toMatch(/Exampleton|0271828X/);
    expect(logged).toMatch(/\n\s+at /);
  });

  it("withholds the message of any error", () => {
    const logged = describeErrorForLog(new TypeError("Cannot read name of person Seán O'Brien"));
    expect(logged.split("\n")[0]).toBe("TypeError (message withheld: it may quote personal data)");
    expect(describeErrorForLog("Seán")).toBe("non-Error thrown (string)");
  });
});
