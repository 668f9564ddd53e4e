import { fmix32 } from "./prng";

const HEX_DIGITS = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));
const DASH = "-".charCodeAt(0);
const VERSION_4 = "4".charCodeAt(0);

/**
 * UUID-shaped ids for synthetic rows. Random UUIDs from a seeded generator
 * could collide across a million-order dataset; these are built from
 * (chunk index, counter) through bijective mixing, so they are unique by
 * construction and still look opaque. The seed is mixed in too, so different
 * seeds give different ids. Seed-case ids are readable words, never this shape.
 */
export class IdFactory {
  private counter = 0;
  // Millions of ids: written digit by digit into one buffer, one string each, no intermediate strings.
  private readonly characters = new Array<number>(36);

  constructor(
    private readonly seedHash: number,
    private readonly chunkIndex: number,
  ) {}

  next(): string {
    const count = this.counter++;
    // a and b appear unaltered in the output and together determine
    // (counter, chunkIndex): a is a bijection of the counter, b of the chunk
    // index for a fixed a. c and d only add variety; the UUID version and
    // variant bits overwrite parts of them.
    const a = fmix32(count ^ 0x2545f491);
    const b = fmix32((this.chunkIndex ^ a ^ 0x6c8e9cf5) >>> 0);
    const c = fmix32((this.seedHash ^ b) >>> 0);
    const d = fmix32((a + this.seedHash * 31 + b) >>> 0);
    const out = this.characters;
    this.writeHex(a, 8, 0);
    out[8] = DASH;
    this.writeHex(c >>> 16, 4, 9);
    out[13] = DASH;
    this.writeHex(c & 0xffff, 4, 14);
    out[14] = VERSION_4;
    out[18] = DASH;
    this.writeHex(d >>> 16, 4, 19);
    out[19] = HEX_DIGITS[8 | ((d >>> 28) & 3)];
    out[23] = DASH;
    this.writeHex(d & 0xffff, 4, 24);
    this.writeHex(b, 8, 28);
    return String.fromCharCode.apply(null, out);
  }

  private writeHex(value: number, digits: number, at: number): void {
    for (let i = digits - 1; i >= 0; i--) {
      this.characters[at + i] = HEX_DIGITS[value & 15];
      value >>>= 4;
    }
  }
}
