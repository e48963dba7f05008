/**
 * A rehype plugin for the "why" view: in the rendered Markdown of a response, wrap every occurrence of a
 * driver word (lib/core/reward-model/explain.ts `driverWords`) in a <mark> coloured by the sign of its
 * weight, with the weight as its title. Words are matched as the featurizer tokenizes them (letters and
 * digits, inner apostrophes kept, lowercase), so "Definitely" and "definitely" are one driver.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

const WORD_RE = /[\p{L}\p{N}]+(?:['\u2018\u2019\u02bc][\p{L}\p{N}]+)*/gu;
const UP = ['rounded', 'px-0.5', 'text-inherit', 'bg-sky-200', 'dark:bg-sky-800'];
const DOWN = [
  'rounded',
  'px-0.5',
  'text-inherit',
  'bg-orange-200',
  'underline',
  'decoration-dotted',
  'dark:bg-orange-900',
];

function split(value: string, words: ReadonlyMap<string, number>): ElementContent[] {
  const out: ElementContent[] = [];
  let at = 0;
  for (const m of value.matchAll(WORD_RE)) {
    const token = m[0].replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
    const w = words.get(token);
    if (w === undefined) continue;
    if (m.index > at) out.push({ type: 'text', value: value.slice(at, m.index) });
    out.push({
      type: 'element',
      tagName: 'mark',
      properties: {
        title: `${m[0]}: ${w >= 0 ? '+' : ''}${w.toFixed(3)}`,
        className: w >= 0 ? UP : DOWN,
        dataDriver: w >= 0 ? 'raises' : 'lowers',
      },
      children: [{ type: 'text', value: m[0] }],
    });
    at = m.index + m[0].length;
  }
  if (at === 0) return [{ type: 'text', value }];
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  return out;
}

function walk(node: Root | Element, words: ReadonlyMap<string, number>): void {
  const next: (RootContent | ElementContent)[] = [];
  for (const child of node.children) {
    if (child.type === 'text') next.push(...split(child.value, words));
    else {
      if (child.type === 'element') walk(child, words);
      next.push(child);
    }
  }
  node.children = next as typeof node.children;
}

/** The plugin for `words` (token → weight); make it once per explanation so Markdown's memo holds. */
export function markDrivers(words: ReadonlyMap<string, number>) {
  return () => (tree: Root) => walk(tree, words);
}
