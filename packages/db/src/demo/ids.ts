// Time-ordered row ids (UUID version 7, RFC 9562) for bulk-loaded rows. Random v4 ids scatter
// millions of inserts over the whole primary-key index (and over every index on a column holding
// such an id), so each insert touches a cold page; ids that grow with insertion order append to
// the right edge instead, which makes the demo load several times faster.
import { randomBytes } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Monotonic UUIDv7 ids: 48-bit milliseconds, a 12-bit sequence within the millisecond, 62 random bits. */
export class UuidV7 {
  private lastMs = 0;
  private sequence = 0;
  private pool = Buffer.alloc(0);
  private offset = 0;

  next(): string {
    let ms = Date.now();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      if (++this.sequence > 0xfff) {
        ms++;
        this.sequence = 0;
      }
    } else {
      this.sequence = 0;
    }
    this.lastMs = ms;
    if (this.offset + 8 > this.pool.length) {
      this.pool = randomBytes(8192);
      this.offset = 0;
    }
    const r = this.pool;
    const o = this.offset;
    this.offset += 8;
    const time = ms.toString(16).padStart(12, '0');
    const seq = this.sequence.toString(16).padStart(3, '0');
    return (
      `${time.slice(0, 8)}-${time.slice(8)}-7${seq}-${HEX[0x80 | (r[o]! & 0x3f)]}${HEX[r[o + 1]!]}-` +
      `${HEX[r[o + 2]!]}${HEX[r[o + 3]!]}${HEX[r[o + 4]!]}${HEX[r[o + 5]!]}${HEX[r[o + 6]!]}${HEX[r[o + 7]!]}`
    );
  }
}
