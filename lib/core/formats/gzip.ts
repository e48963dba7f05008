/**
 * Checked streaming gunzip over fflate's `Gunzip`: every member of a multi-member stream (`cat a.gz
 * b.gz`, bgzip), each member's CRC-32 and ISIZE checked against its trailer, and a stream that stops
 * before its last trailer reported as truncated. fflate alone reads all members when streaming but checks
 * neither trailer field, and accepts a file cut at a flush point as complete (its `gunzipSync` reads only
 * the first member); tests/unit/formats-decode.test.ts pins both behaviours.
 */
import { Gunzip } from 'fflate';
import { Crc32 } from './crc32';

/** True if `bytes` start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Why a gzip stream was refused: `truncated` (it ends early) or `corrupt` (bad data or checksum). */
export interface GzipFailure {
  kind: 'truncated' | 'corrupt';
  /** What is wrong, in words (no file name or line: the caller adds where). */
  detail: string;
}

/** Compressed bytes fed to fflate at a time, so one push never inflates more than about 16 MiB. */
const SLICE = 16 * 1024;
/** Compressed bytes kept behind the newest, to read a member's trailer when the next member starts. */
const WINDOW = 64 * 1024;

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * A streaming gunzip that checks what fflate does not. `push` compressed bytes in any chunking; the
 * decompressed bytes go to `onData` as they are produced. `finish` checks the end of the stream. Both
 * return a {@link GzipFailure} (and stop) at the first problem, else `undefined`.
 */
export class CheckedGunzip {
  private readonly gunzip: Gunzip;
  private crc = new Crc32();
  private size = 0;
  private member = 1;
  /** Compressed bytes read so far. */
  private read = 0;
  /** The last compressed bytes before the slice being pushed (up to WINDOW), and that slice. */
  private behind: Uint8Array = new Uint8Array(0);
  private slice: Uint8Array = new Uint8Array(0);
  private failure: GzipFailure | undefined;

  /** The consumer asked to stop (`onData` returned false). */
  private stopped = false;

  /** `onData` receives decompressed bytes; returning `false` stops decompression (nothing more is read). */
  constructor(private readonly onData: (bytes: Uint8Array) => boolean) {
    this.gunzip = new Gunzip((data) => {
      if (data.length === 0 || this.failure || this.stopped) return;
      this.crc.update(data);
      this.size = (this.size + data.length) >>> 0;
      if (!this.onData(data)) this.stopped = true;
    });
    // Called when the next member's header has been read, at its offset: the trailer is the 8 bytes before.
    this.gunzip.onmember = (offset) => this.endMember(offset);
  }

  /** The first problem found, if any. */
  get failed(): GzipFailure | undefined {
    return this.failure;
  }

  /** The compressed byte at absolute `offset`, if still held. */
  private byteAt(offset: number): number | undefined {
    const sliceStart = this.read - this.slice.length;
    if (offset >= sliceStart) return this.slice[offset - sliceStart];
    const i = offset - (sliceStart - this.behind.length);
    return i >= 0 ? this.behind[i] : undefined;
  }

  private u32At(offset: number): number | undefined {
    let v = 0;
    for (let k = 3; k >= 0; k--) {
      const b = this.byteAt(offset + k);
      if (b === undefined) return undefined;
      v = v * 256 + b;
    }
    return v;
  }

  /** Check the member ending just before `offset` against its trailer; undefined if it is intact. */
  private trailerProblem(offset: number, last: boolean): GzipFailure | undefined {
    const storedCrc = this.u32At(offset - 8);
    const storedSize = this.u32At(offset - 4);
    const which = this.member > 1 || !last ? `member ${this.member}` : 'the data';
    if (storedCrc === undefined || storedSize === undefined)
      return { kind: 'corrupt', detail: `gzip header of member ${this.member + 1} is longer than 64 KiB` };
    if (storedSize !== this.size)
      return last
        ? {
            kind: 'truncated',
            detail: 'the file ends before the end of its compressed stream',
          }
        : {
            kind: 'corrupt',
            detail: `${which} holds ${this.size} bytes but its trailer says ${storedSize}`,
          };
    if (storedCrc !== this.crc.value)
      return {
        kind: 'corrupt',
        detail: `${which} fails its CRC-32 check (stored ${hex(storedCrc)}, computed ${hex(this.crc.value)})`,
      };
    return undefined;
  }

  private endMember(offset: number): void {
    if (this.failure || this.stopped) return;
    this.failure = this.trailerProblem(offset, false);
    this.crc = new Crc32();
    this.size = 0;
    this.member++;
  }

  private run(chunk: Uint8Array, final: boolean): void {
    const behind = this.behind;
    const keep = Math.min(behind.length, Math.max(0, WINDOW - this.slice.length));
    const next = new Uint8Array(keep + this.slice.length);
    next.set(behind.subarray(behind.length - keep));
    next.set(this.slice, keep);
    this.behind = next;
    this.slice = chunk;
    this.read += chunk.length;
    try {
      this.gunzip.push(chunk, final);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.failure ??=
        message === 'unexpected EOF'
          ? { kind: 'truncated', detail: 'the file ends inside a compressed block' }
          : message === 'invalid gzip data'
            ? {
                kind: 'corrupt',
                detail: 'a gzip member header is invalid (or the data ends with other bytes)',
              }
            : { kind: 'corrupt', detail: `not valid gzip data (${message})` };
    }
  }

  /** Feed compressed bytes. */
  push(chunk: Uint8Array): GzipFailure | undefined {
    for (let i = 0; i < chunk.length && !this.failure && !this.stopped; i += SLICE)
      this.run(chunk.subarray(i, i + SLICE), false);
    return this.failure;
  }

  /** End of input: flush, then check the last member's trailer. */
  finish(): GzipFailure | undefined {
    if (this.failure || this.stopped) return this.failure;
    this.run(new Uint8Array(0), true);
    if (this.failure) return this.failure;
    if (this.read < 18)
      return (this.failure = {
        kind: 'truncated',
        detail: 'the file is shorter than a gzip header and trailer',
      });
    return (this.failure = this.trailerProblem(this.read, true));
  }
}
