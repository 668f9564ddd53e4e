import { COURTS, courtsOfForce, findCourt, findForce, FORCES, hasPoliceArea } from "../estate";

/** The estate data the application and appeal rules stand on: who has a police area, and which court is which. */
describe("the force estate data", () => {
  it("holds the 43 territorial forces, each with a police area, and the two national forces without one", () => {
    expect(FORCES).toHaveLength(45);
    expect(FORCES.filter(hasPoliceArea)).toHaveLength(43);
    expect(FORCES.filter((force) => !hasPoliceArea(force)).map((force) => [force.code, force.name])).toEqual([
      ["93", "British Transport Police"],
      ["94", "Ministry of Defence Police"],
    ]);
  });
});

describe("the court estate data", () => {
  it("gives every court a jurisdiction: magistrates', youth or Crown Court", () => {
    expect(findCourt("B07ED")?.jurisdiction).toBe("MAGISTRATES");
    expect(findCourt("B07YC")).toMatchObject({ name: "Chester Youth Court", jurisdiction: "YOUTH", forceCode: "07" });
    expect(findCourt("C07CH")).toMatchObject({ name: "Chester Crown Court", jurisdiction: "CROWN", forceCode: "07" });
    expect(findCourt("C21ST")).toMatchObject({ name: "Stoke-on-Trent Crown Court", jurisdiction: "CROWN", forceCode: "21" });
  });

  it("lists a force's magistrates' courts unless another jurisdiction is asked for", () => {
    expect(courtsOfForce("07").map((court) => court.code)).toEqual(["B07DM", "B07ED", "B07FQ"]);
    expect(courtsOfForce("07", "CROWN").map((court) => court.code)).toEqual(["C07CH", "C07WA"]);
    expect(courtsOfForce("21", "YOUTH").map((court) => court.code)).toEqual(["B21YN"]);
  });

  it("gives every force a magistrates' court, synthetic where the file has none, whatever other courts its area has", () => {
    for (const force of FORCES) expect(courtsOfForce(force.code).length).toBeGreaterThan(0);
    expect(findCourt("B06XA")).toMatchObject({
      synthetic: true,
      jurisdiction: "MAGISTRATES",
      name: "Greater Manchester Magistrates' Court",
    });
    expect(findCourt("B07XA")).toBeUndefined();
    expect(findForce("94")?.region).toBe("NATIONAL");
  });

  it("gives every police area a Crown Court centre for appeals, and the national forces none", () => {
    for (const force of FORCES.filter(hasPoliceArea)) expect(courtsOfForce(force.code, "CROWN").length).toBeGreaterThan(0);
    expect(courtsOfForce("93", "CROWN")).toEqual([]);
    expect(courtsOfForce("94", "CROWN")).toEqual([]);
    expect(COURTS.filter((court) => court.jurisdiction === "CROWN").every((court) => /^C\d{2}[A-Z]{2}$/.test(court.code))).toBe(true);
  });

  it("has a youth court in the areas of the two real cases' forces", () => {
    expect(courtsOfForce("07", "YOUTH").length).toBeGreaterThan(0);
    expect(courtsOfForce("21", "YOUTH").length).toBeGreaterThan(0);
  });
});
