/**
 * Where the probes' edits may write: a response split into prose and fenced code (``` or ~~~, never
 * edited), prose split into paragraphs and sentences, and the "lead": the first sentence of the first
 * plain paragraph (not a heading, list item, quote or table). Pure string functions, any language.
 */

/** A run of a response: prose, or a fenced code block kept byte for byte. */
export interface Segment {
  code: boolean;
  text: string;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * The response cut into prose and fenced code blocks; joining the segments' texts gives the response
 * back exactly. A fence opens at a line starting with ``` or ~~~ and closes at the next line starting
 * with the same run (or at the end of the text, for an unclosed fence).
 */
export function splitFences(text: string): Segment[] {
  const lines = text.split(/(?<=\n)/);
  const out: Segment[] = [];
  let buf = '';
  let fence: string | null = null;
  const flush = (code: boolean) => {
    if (buf !== '') out.push({ code, text: buf });
    buf = '';
  };
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence === null && m) {
      flush(false);
      fence = m[1][0].repeat(3);
      buf = line;
    } else if (fence !== null) {
      buf += line;
      if (m && m[1].startsWith(fence)) {
        flush(true);
        fence = null;
      }
    } else buf += line;
  }
  flush(fence !== null);
  return out;
}

/** Applies `fn` to every prose segment (code blocks untouched) and joins the result. */
export function mapProse(text: string, fn: (prose: string, index: number) => string): string {
  let k = 0;
  return splitFences(text)
    .map((s) => (s.code ? s.text : fn(s.text, k++)))
    .join('');
}

/** Whether a paragraph is plain prose: not a heading, list item, quote, table row or horizontal rule. */
export function isPlainParagraph(paragraph: string): boolean {
  const first = paragraph.trimStart();
  if (!/[\p{L}\p{N}]/u.test(first)) return false;
  return !/^(#{1,6}\s|[-*+•]\s|\d+[.)]\s|>|\||(?:[-*_]\s*){3,}$)/.test(first);
}

/**
 * Sentences of a paragraph: cut after . ! ? (followed by whitespace) and after 。！？ (CJK full stops,
 * no space needed). Whitespace between sentences is dropped; each sentence keeps its end mark.
 */
export function sentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?])\s+|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Where the lead sits: the prose segment, the paragraph's offsets in it, and the paragraph text. */
export interface LeadPlace {
  /** Index among prose segments (as `mapProse` counts them). */
  prose: number;
  start: number;
  end: number;
  paragraph: string;
}

/** The first plain paragraph of the response's prose (see {@link isPlainParagraph}), or null. */
export function leadParagraph(text: string): LeadPlace | null {
  let k = 0;
  for (const seg of splitFences(text)) {
    if (seg.code) continue;
    const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
    for (let m = re.exec(seg.text); m; m = re.exec(seg.text))
      if (isPlainParagraph(m[0]))
        return { prose: k, start: m.index, end: m.index + m[0].length, paragraph: m[0] };
    k++;
  }
  return null;
}

/** The lead sentence of the response (first sentence of its first plain paragraph), or null. */
export function leadSentence(text: string): string | null {
  const place = leadParagraph(text);
  return place ? (sentences(place.paragraph)[0] ?? null) : null;
}

/** Replaces the lead paragraph with `fn(paragraph)`; the text unchanged when there is none. */
export function replaceLeadParagraph(text: string, fn: (paragraph: string) => string): string {
  const place = leadParagraph(text);
  if (!place) return text;
  return mapProse(text, (prose, k) =>
    k === place.prose ? prose.slice(0, place.start) + fn(place.paragraph) + prose.slice(place.end) : prose,
  );
}

/** Emphasis and inline-code markers removed: `**a** _b_ \`c\`` → `a b c`. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a, b) => a ?? b)
    .replace(/(^|\W)[*_]([^*_\n]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}

/** `s` with its first letter upper-cased (locale-independent). */
export function capitalise(s: string): string {
  return s.replace(/^(\P{L}*)(\p{L})/u, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** `s` with its first letter lower-cased, unless it starts with "I", an acronym or a name-like capital run. */
export function decapitalise(s: string): string {
  if (/^\P{L}*(?:I\b|\p{Lu}{2})/u.test(s)) return s;
  return s.replace(/^(\P{L}*)(\p{L})/u, (_m, pre: string, c: string) => pre + c.toLowerCase());
}

/** Whether the response starts with a block that must stand alone (heading, list, quote, table, code). */
export function startsWithBlock(text: string): boolean {
  const first = text.trimStart();
  return /^(#{1,6}\s|[-*+•]\s|\d+[.)]\s|>|\||`{3}|~{3})/.test(first);
}

/** Puts a sentence before the response: its own paragraph before block-led or multi-line text. */
export function prependSentence(text: string, sentence: string): string {
  const body = text.replace(/^\s+/, '');
  return startsWithBlock(body) || body.includes('\n') ? `${sentence}\n\n${body}` : `${sentence} ${body}`;
}

/** Puts a paragraph after the response (after any trailing code block). */
export function appendParagraph(text: string, paragraph: string): string {
  return `${text.replace(/\s+$/, '')}\n\n${paragraph}`;
}
