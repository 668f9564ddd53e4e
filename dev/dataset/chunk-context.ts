import { Day } from "./calendar";
import { IdFactory } from "./ids";
import { Prng } from "./prng";
import { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { SequenceRegistry } from "./sequences";

/** Everything the builders of one chunk share: its random stream, id source, running numbers and output. */
export interface ChunkContext {
  readonly rng: Prng;
  readonly ids: IdFactory;
  readonly sequences: SequenceRegistry;
  /** Nothing is recorded after this day; later steps of a case have not happened yet. */
  readonly until: Day;
  readonly breachRate: number;
  readonly chunk: DatasetChunk;
}
