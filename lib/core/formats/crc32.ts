/**
 * CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final xor 0xFFFFFFFF), the checksum a
 * gzip member stores in its trailer. Slicing-by-8 over eight 256-entry tables, incremental: `update` in
 * any chunking gives the same value as one `update` of the whole.
 */

const TABLES: Uint32Array[] = (() => {
  const t = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[0][n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++)
    for (let k = 1; k < 8; k++) t[k][n] = (t[0][t[k - 1][n] & 0xff] ^ (t[k - 1][n] >>> 8)) >>> 0;
  return t;
})();

/** Incremental CRC-32; `value` is the unsigned 32-bit checksum of everything added so far. */
export class Crc32 {
  private c = 0xffffffff;

  /** Add `bytes`. */
  update(bytes: Uint8Array): this {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
    let c = this.c;
    let i = 0;
    const n = bytes.length;
    for (; i + 8 <= n; i += 8) {
      const lo = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
      c =
        t7[lo & 0xff] ^
        t6[(lo >>> 8) & 0xff] ^
        t5[(lo >>> 16) & 0xff] ^
        t4[lo >>> 24] ^
        t3[bytes[i + 4]] ^
        t2[bytes[i + 5]] ^
        t1[bytes[i + 6]] ^
        t0[bytes[i + 7]];
    }
    for (; i < n; i++) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    this.c = c;
    return this;
  }

  /** The checksum so far (unsigned). */
  get value(): number {
    return (this.c ^ 0xffffffff) >>> 0;
  }
}

/** CRC-32 of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  return new Crc32().update(bytes).value;
}
