import { Day } from "./calendar";
import { DATASET_FORCES, FORCE_SIZE } from "./places";
import { Prng, WeightedChoice } from "./prng";

/**
 * Which force applies for an order: in proportion to the size of its area,
 * except that a force may have no synthetic orders before a given day (so
 * that a seed case stays the first order of its kind in its force, as
 * published).
 */
export class ForceMix {
  private readonly phases: { from: Day; choice: WeightedChoice<string> }[];

  constructor(firstApplicationDayByForce: ReadonlyMap<string, Day>) {
    const starts = [...new Set([-Infinity, ...firstApplicationDayByForce.values()])].sort((a, b) => a - b);
    this.phases = starts.map((from) => ({
      from,
      choice: new WeightedChoice(
        DATASET_FORCES.filter((force) => (firstApplicationDayByForce.get(force.code) ?? -Infinity) <= from).map(
          (force) => [force.code, forceSize(force.code)] as const,
        ),
      ),
    }));
  }

  pick(rng: Prng, day: Day): string {
    let phase = this.phases[0];
    for (const candidate of this.phases) if (candidate.from <= day) phase = candidate;
    return phase.choice.pick(rng);
  }
}

function forceSize(code: string): number {
  const size = FORCE_SIZE[code];
  if (size === undefined) throw new Error(`no size for force ${code} in places.ts`);
  return size;
}
