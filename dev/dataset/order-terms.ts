import { ChunkContext } from "./chunk-context";
import { STREET_NAMES, townName } from "./places";
import { OrderTermRow } from "../../subgraphs/dataset-chunk";

export type OrderTerm = Pick<OrderTermRow, "category" | "description" | "exclusionArea">;

const NO_CONTACT = "Not to contact the protected person, directly or indirectly, by any means";
const EXCLUSION_ZONE = "Not to enter the exclusion area";

const FURTHER_PROHIBITIONS: readonly string[] = [
  "Not to approach or be within 100 metres of the protected person",
  "Not to attend the protected person's home address or place of work",
  "Not to contact or interact with the protected person's family or friends",
  "Not to post, publish or share any material about the protected person online",
  "Not to install or use any tracking device or software to monitor the protected person",
  EXCLUSION_ZONE,
];

const REQUIREMENTS: readonly string[] = [
  "To hand over any electronic device immediately on request of a police officer",
  "To give a police officer access to the passwords and log-in details of any electronic device or online account",
  "To attend an assessment for a stalking perpetrator intervention programme",
  "To notify the police of every social media account used, within 3 days of opening it",
];

/** Every order forbids contact; most add a few further prohibitions and some add requirements (s.2(3)). */
export function chooseTerms(context: ChunkContext, place: string): OrderTerm[] {
  const { rng } = context;
  const prohibitions = [NO_CONTACT, ...FURTHER_PROHIBITIONS.filter(() => rng.chance(0.3))];
  const requirements = rng.chance(0.55) ? REQUIREMENTS.filter(() => rng.chance(0.45)) : [];
  return [
    ...prohibitions.map((description) => ({
      category: "PROHIBITION" as const,
      description,
      exclusionArea: description === EXCLUSION_ZONE ? describeExclusionArea(context, place) : null,
    })),
    ...requirements.map((description) => ({ category: "REQUIREMENT" as const, description, exclusionArea: null })),
  ];
}

function describeExclusionArea(context: ChunkContext, place: string): string {
  const { rng } = context;
  const [first, second, third] = [rng.pick(STREET_NAMES), rng.pick(STREET_NAMES), rng.pick(STREET_NAMES)];
  return `The area of ${townName(place)} bounded by ${first}, ${second} and ${third}, as shown edged red on the map annexed to the order`;
}

export function writeTerms(context: ChunkContext, orderId: string, terms: readonly OrderTerm[]): void {
  const positions = { PROHIBITION: 0, REQUIREMENT: 0 };
  for (const term of terms) {
    context.chunk.orders.terms.push({ orderId, position: positions[term.category]++, ...term });
  }
}
