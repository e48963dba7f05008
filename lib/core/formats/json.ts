/**
 * JSON helpers for the importers: parse without throwing (a syntax error comes back with its 1-based
 * line), find the line on which each element of a top-level array starts, and the line of any value by
 * its dotted path, so problems in JSON files are reported by line like JSONL.
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

/** Index of the closing quote of the JSON string starting at `start` (or the last index if unclosed). */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length - 1;
}

/**
 * The 1-based line where each wanted value starts, by dotted path (`datasets.0.prompts.3.text`; the
 * root is `''`). Paths not in the text are absent from the map. Assumes `text` is valid JSON.
 */
export function jsonPathLines(text: string, wanted: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  const stack: { kind: '{' | '['; path: string; index: number; key: string }[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r' || c === ':') continue;
    const top = stack[stack.length - 1];
    if (c === ',') {
      if (top?.kind === '[') top.index++;
      else expectKey = true;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
      continue;
    }
    if (top?.kind === '{' && expectKey) {
      const end = stringEnd(text, i);
      const raw = text.slice(i, end + 1);
      try {
        top.key = String(JSON.parse(raw));
      } catch {
        top.key = raw.slice(1, -1);
      }
      i = end;
      expectKey = false;
      continue;
    }
    const name = top ? (top.kind === '[' ? String(top.index) : top.key) : '';
    const path = top && top.path !== '' ? `${top.path}.${name}` : name;
    if (wanted.has(path) && !found.has(path)) found.set(path, line);
    if (c === '{' || c === '[') {
      stack.push({ kind: c, path, index: 0, key: '' });
      expectKey = c === '{';
    } else if (c === '"') i = stringEnd(text, i);
    else while (i + 1 < text.length && !',]}\n \t\r'.includes(text[i + 1])) i++;
  }
  return found;
}
