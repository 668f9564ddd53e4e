import { ApplicationTimeline } from "./application-timeline";
import { Day, dayFromIso } from "./calendar";
import { writeCase } from "./case-writer";
import { emptyChunk, mergeChunks } from "./chunk";
import { ChunkContext } from "./chunk-context";
import { ForceMix } from "./force-mix";
import { IdFactory } from "./ids";
import { RespondentPool } from "./people";
import { combineSeeds, Prng } from "./prng";
import { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { seedCasesChunk } from "./seed-cases";
import { SequenceRegistry } from "./sequences";

export interface GenerateOptions {
  /** Synthetic order rows to generate; the seed cases come on top. */
  orders: number;
  seed: number;
  /** Synthetic order rows per chunk (default 5,000). */
  chunkSize?: number;
  /** The dataset's "today": nothing happens after it (default 2026-10-31). */
  until?: string;
  /** Mean breaches per made order (default 0.15). */
  breachRate?: number;
}

export const DEFAULT_CHUNK_SIZE = 5_000;
export const DEFAULT_UNTIL = "2026-10-31";
export const DEFAULT_BREACH_RATE = 0.15;
/** Commencement of the Stalking Protection Act 2019: no order can be older. */
export const FIRST_APPLICATION_DAY = "2020-01-20";
/** Orders a year grow by this factor as forces take the orders up. */
const YEARLY_GROWTH = 1.2;
/** Respondents remembered for repeat cases: enough for variety, small enough to be free. */
const REPEAT_RESPONDENT_POOL_SIZE = 4_096;

interface Settings {
  orders: number;
  seed: number;
  chunkSize: number;
  until: Day;
  breachRate: number;
}

/**
 * The demo and benchmark dataset: the two seed cases, then `orders` synthetic
 * orders across every force of England and Wales, in chunks of whole cases
 * in application-date order. Every row of a chunk refers only to rows of the
 * same or an earlier chunk, so chunks can be inserted as they come. The same
 * options always give the same rows: randomness comes from (seed, chunk
 * index), never from the clock.
 */
export function* generateDataset(options: GenerateOptions): Generator<DatasetChunk> {
  const seedCases = seedCasesChunk();
  const settings = readSettings(options, seedCases);
  const timeline = new ApplicationTimeline(dayFromIso(FIRST_APPLICATION_DAY), settings.until, YEARLY_GROWTH);
  const forceMix = new ForceMix(firstSyntheticApplicationDays(seedCases));
  const sequences = SequenceRegistry.continuingAfter(seedCases, combineSeeds(settings.seed, 0x9c));
  const respondents = new RespondentPool(REPEAT_RESPONDENT_POOL_SIZE);
  const idSeed = combineSeeds(settings.seed, 0x1d);
  const chunkCount = Math.max(1, Math.ceil(settings.orders / settings.chunkSize));

  for (let chunkIndex = 0; chunkIndex < chunkCount; chunkIndex++) {
    const context: ChunkContext = {
      rng: new Prng(combineSeeds(settings.seed, chunkIndex)),
      ids: new IdFactory(idSeed, chunkIndex),
      sequences,
      until: settings.until,
      breachRate: settings.breachRate,
      chunk: emptyChunk(),
    };
    const firstOrder = chunkIndex * settings.chunkSize;
    const orderCount = Math.min(settings.chunkSize, settings.orders - firstOrder);
    let written = 0;
    while (written < orderCount) {
      const appliedOn = timeline.dayAt((firstOrder + written + context.rng.next()) / settings.orders);
      const forceCode = forceMix.pick(context.rng, appliedOn);
      written += writeCase(context, respondents, { appliedOn, forceCode, maxOrders: orderCount - written });
    }
    yield chunkIndex === 0 ? mergeChunks(seedCases, context.chunk) : context.chunk;
  }
}

function readSettings(options: GenerateOptions, seedCases: DatasetChunk): Settings {
  const { orders, seed, chunkSize = DEFAULT_CHUNK_SIZE, until = DEFAULT_UNTIL, breachRate = DEFAULT_BREACH_RATE } = options;
  if (!Number.isSafeInteger(orders) || orders < 0) throw new RangeError(`orders must be a whole number >= 0, got ${orders}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a whole number >= 1, got ${chunkSize}`);
  if (!Number.isFinite(breachRate) || breachRate < 0) throw new RangeError(`breachRate must be >= 0, got ${breachRate}`);
  const untilDay = dayFromIso(until);
  const lastSeedEvent = seedCases.orders.events.reduce((latest, event) => (event.occurredOn > latest ? event.occurredOn : latest), "");
  if (until < lastSeedEvent)
    throw new RangeError(`until must be on or after ${lastSeedEvent}, the last event of the seed cases; got ${until}`);
  return { orders, seed, chunkSize, until: untilDay, breachRate };
}

/**
 * Synthetic orders of a seed case's force start the day after the seed
 * case's last order was made, so the published "first interim order in
 * Staffordshire" and "first full order in Cheshire" stay first.
 */
function firstSyntheticApplicationDays(seedCases: DatasetChunk): Map<string, Day> {
  const days = new Map<string, Day>();
  for (const order of seedCases.orders.orders) {
    if (order.madeOn == null) continue;
    const dayAfter = dayFromIso(order.madeOn) + 1;
    days.set(order.applicantForceCode, Math.max(days.get(order.applicantForceCode) ?? -Infinity, dayAfter));
  }
  return days;
}
