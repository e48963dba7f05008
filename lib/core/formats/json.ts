/**
 * JSON helpers for the importers: parse without throwing (a syntax error comes back with its 1-based
 * line), and find the line on which each element of a top-level array starts, so problems in a JSON
 * array file can be reported by line like JSONL.
 */

/** The outcome of {@link parseJson}. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; message: string };

/** 1-based line of character offset `pos` in `text`. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `JSON.parse` that never throws; on a syntax error, reports the line (relative to `text`). */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineAt(text, Number(pos[1])) : 1;
    return { ok: false, line, message: `invalid JSON: ${message.replace(/^JSON\.parse: /, '')}` };
  }
}

/**
 * For a text whose top-level value is an array, the 1-based line where each element starts (one entry
 * per element, in order). Returns an empty list for anything else. Does not validate the JSON.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (depth === 0 && c !== '[') return [];
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
    if (depth === 0 && lines.length > 0) break;
  }
  return lines;
}
