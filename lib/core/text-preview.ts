/**
 * A one-line plain preview of Markdown text, for places that cannot render Markdown (an <option> of a
 * select): emphasis, code and heading marks are dropped, links keep their text, whitespace is collapsed.
 */

/** The first `max` characters of `text` as plain words (`**Yes**, \`x\`` → `Yes, x`). */
export function plainPreview(text: string, max = 90): string {
  const plain = text
    .slice(0, max * 4)
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|`|~~)/g, '')
    .replace(/^\s{0,3}(#{1,6}|[-+>]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
