import { registerEnumType } from "type-graphql";

/** Region of England and Wales (police regions); NATIONAL for national forces such as BTP. */
export enum Region {
  LONDON = "LONDON",
  NORTH_EAST = "NORTH_EAST",
  NORTH_WEST = "NORTH_WEST",
  YORKSHIRE_AND_THE_HUMBER = "YORKSHIRE_AND_THE_HUMBER",
  EAST_MIDLANDS = "EAST_MIDLANDS",
  WEST_MIDLANDS = "WEST_MIDLANDS",
  EASTERN = "EASTERN",
  SOUTH_EAST = "SOUTH_EAST",
  SOUTH_WEST = "SOUTH_WEST",
  WALES = "WALES",
  NATIONAL = "NATIONAL",
}
registerEnumType(Region, { name: "Region" });
