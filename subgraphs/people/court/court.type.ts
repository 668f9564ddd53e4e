import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { CourtRecord } from "../../../platform/estate";
import { CourtJurisdiction } from "../../../domain/vocabulary";

@ObjectType("Court", { description: "A magistrates' court, youth court or Crown Court centre (HMCTS organisation unit)." })
@Directive(`@key(fields: "code")`)
export class Court {
  @Field(() => ID, { description: 'Five-character HMCTS organisation-unit code, e.g. "B21DA" Cannock.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Other names the court is known by." })
  alsoKnownAs!: string[];

  @Field(() => CourtJurisdiction, {
    description: "Which court it is: applications go to a magistrates' or youth court, appeals to the Crown Court.",
  })
  jurisdiction!: CourtJurisdiction;

  forceCode!: string;

  static from(record: CourtRecord): Court {
    return Object.assign(new Court(), {
      code: record.code,
      name: record.name,
      alsoKnownAs: record.alsoKnownAs ? [record.alsoKnownAs] : [],
      jurisdiction: record.jurisdiction,
      forceCode: record.forceCode,
    });
  }
}
