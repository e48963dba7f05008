/**
 * Incremental JSONL reading: push text in chunks of any size (a worker streaming a 200 MB file, with
 * progress), get each complete line parsed and handed to the format's sink with its 1-based line
 * number, and call `finish` for the result. Only the current partial line is buffered.
 */
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
  let line = 0;
  let finished = false;

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
        const piece = chunk.slice(start, nl);
        handle(pending.length > 0 ? pending.join('') + piece : piece);
        pending.length = 0;
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
    },
    finish() {
      if (!finished) {
        finished = true;
        if (pending.length > 0) handle(pending.join(''));
        pending.length = 0;
      }
      return sink.finish();
    },
  };
}
