/**
 * Incremental JSONL reading: push text in chunks of any size (a worker streaming a 200 MB file, with
 * progress), get each complete line parsed and handed to the format's sink with its 1-based line
 * number, and call `finish` for the result. Only the current partial line is buffered, up to
 * MAX_RECORD_CHARS: a longer line is reported on its line and skipped to its end, never held.
 */
import { MAX_RECORD_CHARS, recordTooLong } from './limits';
import type { RowSink } from './result';
import { parseJson } from './json';

/** A streaming importer: `push` chunks, then `finish` once. */
export interface StreamingImporter<R> {
  push(chunk: string): void;
  finish(): R;
}

/** Feed JSONL text to `sink` line by line. Blank lines are skipped; a bad line is reported, not thrown. */
export function jsonlReader<R>(
  sink: Pick<RowSink, 'content' | 'row' | 'invalid'> & { finish(): R },
): StreamingImporter<R> {
  /** The unfinished line, in the pieces it arrived in (joined once its newline comes, so a long line costs linear time). */
  const pending: string[] = [];
  let pendingChars = 0;
  /** Characters of the current line once it passed MAX_RECORD_CHARS (it is then dropped, not held). */
  let overlong = 0;
  let line = 0;
  let finished = false;

  /** The current line ended: report it as too long, or parse it. */
  function end(piece: string): void {
    if (overlong > 0) {
      line++;
      sink.invalid(line, `${recordTooLong('line', overlong + piece.length)}; skipped`);
    } else if (pendingChars + piece.length > MAX_RECORD_CHARS) {
      line++;
      sink.invalid(line, `${recordTooLong('line', pendingChars + piece.length)}; skipped`);
    } else handle(pending.length > 0 ? pending.join('') + piece : piece);
    pending.length = 0;
    pendingChars = 0;
    overlong = 0;
  }

  /** Keep the unfinished end of a chunk, or only count it once the line is too long. */
  function hold(piece: string): void {
    if (overlong > 0) overlong += piece.length;
    else if (pendingChars + piece.length > MAX_RECORD_CHARS) {
      overlong = pendingChars + piece.length;
      pending.length = 0;
      pendingChars = 0;
    } else {
      pending.push(piece);
      pendingChars += piece.length;
    }
  }

  function handle(raw: string): void {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (trimmed.trim() === '') return;
    const parsed = parseJson(trimmed);
    if (parsed.ok) sink.row(line, parsed.value);
    else sink.invalid(line, parsed.message);
  }

  return {
    push(chunk) {
      if (finished) throw new Error('push after finish');
      sink.content(chunk);
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        end(chunk.slice(start, nl));
        start = nl + 1;
      }
      if (start < chunk.length) hold(chunk.slice(start));
    },
    finish() {
      if (!finished) {
        finished = true;
        if (pending.length > 0 || overlong > 0) end('');
      }
      return sink.finish();
    },
  };
}
