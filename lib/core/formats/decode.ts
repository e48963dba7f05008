/**
 * The one way file bytes become text, for the browser's import worker and every CLI command alike:
 * gzip (every member, each checked; see gzip.ts), a cap on the decoded size enforced while streaming,
 * then the text encoding. UTF-8 is the rule (a UTF-8 byte-order mark is dropped). UTF-16 LE/BE with a
 * byte-order mark is decoded, with a warning. A file that is not UTF-8 before any UTF-8 character
 * appears is read as Windows-1252 (Latin-1's superset), with a warning naming the first such byte's
 * line; a file that mixes the two, has a bad UTF-8 byte after UTF-8 text, holds a NUL byte, or looks
 * like UTF-16/32 without a byte-order mark is refused with the line of the problem. Nothing here throws
 * on bad input.
 */
import { CheckedGunzip, isGzip } from './gzip';
import {
  byteHex,
  countNewlines,
  decodeCp1252,
  firstUtf8Sequence,
  incompleteTail,
  newlinesBefore,
  scanUtf8,
} from './encodings';
import { MAX_TEXT_BYTES } from './limits';
import type { ImportIssue } from './result';

/** The encodings a file can be read as. */
export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

/** Options for {@link createByteDecoder}. */
export interface DecodeOptions {
  /** Refuse a file whose text (after decompression) exceeds this many bytes (default {@link MAX_TEXT_BYTES}). */
  maxBytes?: number;
}

/** How a file was decoded: `error` set means it was refused (the text pushed so far must be discarded). */
export interface DecodeOutcome {
  error?: ImportIssue;
  warnings: ImportIssue[];
  encoding: TextEncodingName;
  gzip: boolean;
  /** Bytes of (decompressed) text read. */
  bytes: number;
}

/** A streaming decoder: `push` raw file bytes in any chunking (false once refused: stop reading), then `finish`. */
export interface ByteDecoder {
  push(chunk: Uint8Array): boolean;
  finish(): DecodeOutcome;
}

const sizeText = (n: number) => (n % 1048576 === 0 ? `${n / 1048576} MiB` : `${n} bytes`);
const SAVE_AS_UTF8 = 'save the file as UTF-8';

/** The text layer: encoding sniffing, decoding, line counting, the size cap. */
class TextLayer {
  encoding: TextEncodingName = 'UTF-8';
  private sniffed = false;
  private head = new Uint8Array(0);
  /** Bytes held back: an incomplete UTF-8 sequence, or an odd UTF-16 byte. */
  private carry = new Uint8Array(0);
  private utf16: TextDecoder | undefined;
  /** No multi-byte UTF-8 character decoded yet (so switching to Windows-1252 changes nothing already emitted). */
  private asciiSoFar = true;
  /** 0-based count of newlines emitted: the current line is `lines + 1`. */
  lines = 0;
  bytes = 0;
  error: ImportIssue | undefined;
  readonly warnings: ImportIssue[] = [];

  constructor(
    private readonly onText: (text: string) => void,
    private readonly maxBytes: number,
    private readonly gzip: boolean,
  ) {}

  fail(line: number, message: string): void {
    this.error ??= { line, message, severity: 'error' };
  }

  private emit(text: string): void {
    if (text === '') return;
    const nul = this.encoding.startsWith('UTF-16') ? text.indexOf('\0') : -1;
    if (nul >= 0) return this.fail(this.lines + 1 + countNewlines(text.slice(0, nul)), this.nulMessage());
    this.lines += countNewlines(text);
    this.onText(text);
  }

  private nulMessage(): string {
    return `a NUL byte: this is not a text file (binary data, or UTF-16/UTF-32 without a byte-order mark); ${SAVE_AS_UTF8}`;
  }

  /** Decide the encoding from the first bytes (`head`, at least 4 unless the file is shorter). */
  private sniff(head: Uint8Array): Uint8Array {
    this.sniffed = true;
    const [b0, b1, b2, b3] = head;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return head.subarray(3);
    if (
      (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
      (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
    ) {
      this.fail(1, `UTF-32 text is not supported; ${SAVE_AS_UTF8}`);
      return new Uint8Array(0);
    }
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
      this.encoding = b0 === 0xff ? 'UTF-16LE' : 'UTF-16BE';
      this.utf16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
      this.warnings.push({
        line: 1,
        message: `read as ${this.encoding} (the file starts with its byte-order mark); UTF-8 is the usual encoding`,
        severity: 'warning',
      });
      return head.subarray(2);
    }
    const le = head.length >= 2 && b0 !== 0 && b1 === 0 && (head.length < 4 || (b2 !== 0 && b3 === 0));
    const be = head.length >= 2 && b0 === 0 && b1 !== 0 && (head.length < 4 || (b2 === 0 && b3 !== 0));
    if (le || be) {
      this.fail(
        1,
        `looks like ${le ? 'UTF-16LE' : 'UTF-16BE'} without a byte-order mark (a NUL byte after every character); ${SAVE_AS_UTF8}, or as UTF-16 with a byte-order mark`,
      );
      return new Uint8Array(0);
    }
    return head;
  }

  /** Feed decoded (decompressed) bytes; `final` flushes what is held back. */
  push(chunk: Uint8Array, final = false): void {
    if (this.error) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes)
      return this.fail(
        this.lines + 1,
        `too large: more than ${sizeText(this.maxBytes)} of text${this.gzip ? ' after decompression' : ''} (the limit for one file; reading stopped here); split it into smaller files`,
      );
    let bytes = chunk;
    if (!this.sniffed) {
      const head = new Uint8Array(this.head.length + chunk.length);
      head.set(this.head);
      head.set(chunk, this.head.length);
      if (head.length < 4 && !final) {
        this.head = head;
        return;
      }
      this.head = new Uint8Array(0);
      bytes = this.sniff(head);
      if (this.error) return;
    }
    if (this.carry.length > 0) {
      const joined = new Uint8Array(this.carry.length + bytes.length);
      joined.set(this.carry);
      joined.set(bytes, this.carry.length);
      bytes = joined;
    }
    if (this.encoding === 'UTF-16LE' || this.encoding === 'UTF-16BE') return this.pushUtf16(bytes, final);
    const hold = final ? 0 : incompleteTail(bytes);
    this.carry = bytes.slice(bytes.length - hold);
    const part = bytes.subarray(0, bytes.length - hold);
    const nul = part.indexOf(0);
    if (nul >= 0) return this.fail(this.lines + 1 + newlinesBefore(part, nul), this.nulMessage());
    if (this.encoding === 'Windows-1252') return this.pushCp1252(part);
    let text: string;
    try {
      text = this.utf8.decode(part);
    } catch {
      return this.badUtf8(part);
    }
    if (text.length !== part.length) this.asciiSoFar = false;
    this.emit(text);
  }

  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  /** `part` (complete sequences) is not valid UTF-8: switch to Windows-1252 if nothing UTF-8 came before, else refuse. */
  private badUtf8(part: Uint8Array): void {
    const { invalid, nonAscii } = scanUtf8(part);
    const at = invalid < 0 ? part.length - 1 : invalid;
    const line = this.lines + 1 + newlinesBefore(part, at);
    const what = `byte ${byteHex(part[at])} at line ${line}`;
    if (!this.asciiSoFar || nonAscii < at) {
      this.fail(line, `not valid UTF-8: ${what}, after UTF-8 text; fix that byte or ${SAVE_AS_UTF8}`);
      return;
    }
    this.encoding = 'Windows-1252';
    this.warnings.push({
      line,
      message: `not UTF-8 (${what}): read as Windows-1252 (Latin-1); if the text looks wrong, ${SAVE_AS_UTF8}`,
      severity: 'warning',
    });
    this.pushCp1252(part);
  }

  private pushCp1252(part: Uint8Array): void {
    const utf8At = firstUtf8Sequence(part);
    if (utf8At >= 0) {
      const line = this.lines + 1 + newlinesBefore(part, utf8At);
      this.fail(
        line,
        `mixed encodings: line ${this.warnings.at(-1)?.line ?? 1} is not UTF-8 but line ${line} is; ${SAVE_AS_UTF8}`,
      );
      return;
    }
    this.emit(decodeCp1252(part));
  }

  private pushUtf16(bytes: Uint8Array, final: boolean): void {
    const even = bytes.length - (bytes.length % 2);
    this.carry = bytes.slice(even);
    let units = bytes.subarray(0, even);
    if (this.encoding === 'UTF-16BE') {
      const swapped = new Uint8Array(even);
      for (let i = 0; i < even; i += 2) {
        swapped[i] = units[i + 1];
        swapped[i + 1] = units[i];
      }
      units = swapped;
    }
    let text: string;
    try {
      text = this.utf16!.decode(units, { stream: !final });
    } catch {
      return this.fail(
        this.lines + 1,
        `not valid ${this.encoding} (an unpaired surrogate) in or after line ${this.lines + 1}`,
      );
    }
    this.emit(text);
    if (final && this.carry.length > 0)
      this.fail(this.lines + 1, `${this.encoding} text with an odd number of bytes: the file is cut off`);
  }

  finish(): void {
    if (!this.error) this.push(new Uint8Array(0), true);
  }
}

/**
 * A streaming decoder from raw file bytes to text: gunzips when the bytes start with the gzip magic
 * number, then decodes as described at the top of this file, calling `onText` as text is ready. After
 * a refusal (`push` returns false, `finish` returns an `error`) the text already delivered must be
 * discarded. The outcome's `error` and `warnings` carry the 1-based line they concern.
 */
export function createByteDecoder(onText: (text: string) => void, opts: DecodeOptions = {}): ByteDecoder {
  const maxBytes = opts.maxBytes ?? MAX_TEXT_BYTES;
  let start = new Uint8Array(0);
  let gunzip: CheckedGunzip | undefined;
  let text: TextLayer | undefined;
  let gzip = false;
  const gzipFailed = (f: { kind: string; detail: string } | undefined) => {
    if (f && text)
      text.fail(
        text.lines + 1,
        `${f.kind} gzip file: ${f.detail} (${text.bytes} bytes of text read, up to line ${text.lines + 1})`,
      );
  };
  const begin = (bytes: Uint8Array): TextLayer => {
    gzip = isGzip(bytes);
    const layer = new TextLayer(onText, maxBytes, gzip);
    if (gzip)
      gunzip = new CheckedGunzip((data) => {
        layer.push(data);
        return !layer.error;
      });
    return layer;
  };
  const feed = (layer: TextLayer, bytes: Uint8Array) => {
    if (gunzip) gzipFailed(gunzip.push(bytes));
    else layer.push(bytes);
  };
  return {
    push(chunk) {
      if (!text) {
        const joined = new Uint8Array(start.length + chunk.length);
        joined.set(start);
        joined.set(chunk, start.length);
        if (joined.length < 2) {
          start = joined;
          return true;
        }
        text = begin(joined);
        feed(text, joined);
      } else if (!text.error) feed(text, chunk);
      return !text.error;
    },
    finish() {
      const layer = text ?? begin(start);
      if (!text) {
        text = layer;
        if (start.length > 0) feed(layer, start);
      }
      if (gunzip && !layer.error) gzipFailed(gunzip.finish());
      layer.finish();
      return {
        ...(layer.error ? { error: layer.error } : {}),
        warnings: layer.warnings,
        encoding: layer.encoding,
        gzip,
        bytes: layer.bytes,
      };
    },
  };
}

/** Decode a whole file's bytes (see {@link createByteDecoder}); `text` is empty when the file was refused. */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeOutcome & { text: string } {
  const parts: string[] = [];
  const decoder = createByteDecoder((t) => parts.push(t), opts);
  // In slices, so a refusal (a gzip bomb) stops early.
  for (let i = 0; i < bytes.length; i += 1 << 20) if (!decoder.push(bytes.subarray(i, i + (1 << 20)))) break;
  const outcome = decoder.finish();
  return { ...outcome, text: outcome.error ? '' : parts.join('') };
}
