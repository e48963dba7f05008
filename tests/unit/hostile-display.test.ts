// Hostile user-supplied text on screen (issue 10 §13–15): bidi overrides in names are removed and names are
// isolated and bounded; a 5 MB response renders only its first part as Markdown, with "Show all (5.0 MB)";
// links in imported text never become navigable anchors, and their address is visible.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  LONG_TEXT_PREVIEW_CHARS,
  NAME_DISPLAY_CHARS,
  displayName,
  isolatedName,
  previewCut,
  stripBidiControls,
  utf8Bytes,
} from '../../lib/core/display';
import { Markdown } from '../../components/Markdown';
import { Name } from '../../components/ui/Name';
import { WhyPanel } from '../../components/inspect/WhyPanel';
import { ImportSummary } from '../../components/data/ImportSummary';
import type { ParseSummary } from '../../lib/workers/import-api';
import type { ResponseExplanation } from '../../lib/workers/inspect-api';

const RLO = '\u202E';

describe('names', () => {
  it('lose bidi embedding, override and isolate controls, so "\\u202Egnp.exe" reads "gnp.exe"', () => {
    expect(stripBidiControls(`${RLO}gnp.exe`)).toBe('gnp.exe');
    expect(stripBidiControls('\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h')).toBe('abcdefgh');
    // Marks and right-to-left letters are kept: they are text, not reordering commands.
    expect(stripBidiControls('\u05E9\u05DC\u05D5\u05DD\u200F')).toBe('\u05E9\u05DC\u05D5\u05DD\u200F');
  });

  it('are shortened with an ellipsis past NAME_DISPLAY_CHARS code points, and isolated for plain text', () => {
    const long = 'n'.repeat(300);
    expect(displayName(long)).toBe(`${'n'.repeat(NAME_DISPLAY_CHARS - 1)}…`);
    expect(Array.from(displayName('😀'.repeat(60)))).toHaveLength(NAME_DISPLAY_CHARS);
    expect(displayName('Ada')).toBe('Ada');
    expect(isolatedName(`${RLO}bob`)).toBe('\u2068bob\u2069');
  });

  it('<Name> renders an isolated <bdi> without the override, the full name in its title, cut by CSS', () => {
    const html = renderToStaticMarkup(createElement(Name, { name: `${RLO}bob` }));
    expect(html).not.toContain(RLO);
    expect(html).toMatch(/^<bdi title="bob"[^>]*class="[^"]*truncate[^"]*">bob<\/bdi>$/);
  });
});

describe('long texts', () => {
  it('are cut at a line break near the preview size, never inside a surrogate pair', () => {
    expect(previewCut('short')).toBe(5);
    const lines = `${'x'.repeat(LONG_TEXT_PREVIEW_CHARS - 100)}\n${'y'.repeat(500)}`;
    expect(previewCut(lines)).toBe(LONG_TEXT_PREVIEW_CHARS - 99);
    const emoji = `${'a'.repeat(LONG_TEXT_PREVIEW_CHARS - 1)}😀tail`;
    expect(previewCut(emoji)).toBe(LONG_TEXT_PREVIEW_CHARS - 1);
    expect(utf8Bytes('aé😀€')).toBe(new TextEncoder().encode('aé😀€').length);
  });

  it('a 5 MB response renders its first part as Markdown and offers "Show all (5.0 MB)"', () => {
    const para = `**Bold** claim number one, repeated at length. ${'word '.repeat(40)}\n\n`;
    const text = para.repeat(Math.ceil((5 * 1024 * 1024) / para.length)).slice(0, 5 * 1024 * 1024);
    const t0 = performance.now();
    const html = renderToStaticMarkup(createElement(Markdown, { text }));
    const ms = performance.now() - t0;
    expect(html).toContain('Show all (5.0 MB)');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html.length).toBeLessThan(2 * LONG_TEXT_PREVIEW_CHARS);
    expect(ms).toBeLessThan(1000);
  });

  it('a short response renders whole, with no "Show all"', () => {
    const html = renderToStaticMarkup(createElement(Markdown, { text: 'A *short* answer.' }));
    expect(html).toContain('<em>short</em>');
    expect(html).not.toContain('Show all');
  });
});

/** 5 MiB of prose with long unbroken tokens, every "Bold" a highlighted word. */
const FIVE_MB = (() => {
  const block = `Bold claim. ${'x'.repeat(3000)} and more text\n\n`;
  return block.repeat(Math.ceil((5 * 1024 * 1024) / block.length)).slice(0, 5 * 1024 * 1024);
})();

function summary(over: Partial<ParseSummary> = {}): ParseSummary {
  return {
    token: 1,
    fileName: 'pairs.jsonl',
    bytes: 10,
    format: 'trl-jsonl',
    detectedFormat: 'trl-jsonl',
    fields: ['prompt', 'chosen', 'rejected'],
    totalRows: 1,
    validRows: 1,
    duplicates: 0,
    errors: 0,
    warnings: 0,
    issues: [],
    readings: [],
    counts: {
      datasets: 1,
      prompts: 1,
      responses: 2,
      comparisons: 1,
      skips: 0,
      annotators: 0,
      runs: 0,
      rankings: 0,
    },
    datasetName: 'pairs',
    preview: [{ text: 'Q?', category: '', responses: [{ text: 'A.' }, { text: 'B.' }] }],
    plan: null,
    parseMs: 1,
    ...over,
  };
}

describe('long texts outside Markdown', () => {
  it('the /inspect why panel shows the start of a 5 MB response highlighted, then "Show all (5.0 MB)"', () => {
    const highlights: ResponseExplanation['highlights'] = [];
    for (let at = FIVE_MB.indexOf('Bold'); at >= 0; at = FIVE_MB.indexOf('Bold', at + 4))
      highlights.push({ start: at, end: at + 4, word: 'bold', weight: 0.5, stopword: false });
    const explanation: ResponseExplanation = {
      reward: 1,
      baseline: 0,
      styleTotal: 0,
      wordsTotal: 1,
      top: [],
      highlights,
    };
    const t0 = performance.now();
    const html = renderToStaticMarkup(
      createElement(WhyPanel, { text: FIVE_MB, correct: false, style: null, explanation }),
    );
    const ms = performance.now() - t0;
    expect(html).toContain('Show all (5.0 MB)');
    expect(html).toContain('<mark');
    expect(html.length).toBeLessThan(3 * LONG_TEXT_PREVIEW_CHARS);
    expect(html).toMatch(/overflow-wrap:anywhere/);
    expect(ms).toBeLessThan(1000);
  });

  it('the import preview shows a 5 MB prompt and response in part, each with "Show all (5.0 MB)"', () => {
    const html = renderToStaticMarkup(
      createElement(ImportSummary, {
        summary: summary({
          preview: [
            { text: FIVE_MB, category: '', responses: [{ text: FIVE_MB, correct: true }, { text: 'B.' }] },
          ],
        }),
        busy: false,
        onImport: () => {},
        onRemap: () => {},
      }),
    );
    expect(html.split('Show all (5.0 MB)')).toHaveLength(3);
    expect(html).toContain('[correct] Bold claim.');
    expect(html.length).toBeLessThan(5 * LONG_TEXT_PREVIEW_CHARS);
  });
});

describe('names in the import summary', () => {
  it('a file and dataset named with U+202E lose the override and are isolated in the heading, counts and problems', () => {
    const html = renderToStaticMarkup(
      createElement(ImportSummary, {
        summary: summary({
          fileName: `${RLO}gnp.jsonl`,
          datasetName: `${RLO}evil`,
          errors: 1,
          issues: [{ line: 2, message: 'bad', severity: 'error' }],
        }),
        busy: false,
        onImport: () => {},
        onRemap: () => {},
      }),
    );
    expect(html).not.toContain(RLO);
    expect(html).toContain('aria-label="Import of \u2068gnp.jsonl\u2069"');
    expect(html).toMatch(/<h3[^>]*><bdi title="gnp\.jsonl"[^>]*>gnp\.jsonl<\/bdi><\/h3>/);
    expect(html).toMatch(/Would import “<bdi title="evil"[^>]*>evil<\/bdi>”/);
    expect(html).toMatch(/<bdi title="gnp\.jsonl"[^>]*>gnp\.jsonl<\/bdi>:2/);
  });
});

describe('links in imported text', () => {
  it('are never anchors: the text is shown with its address, autolinks as the address itself', () => {
    const html = renderToStaticMarkup(
      createElement(Markdown, {
        text: 'See https://evil.example/a, [the docs](https://evil.example/b) and <https://evil.example/c>.',
      }),
    );
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toContain('href=');
    expect(html).toContain('https://evil.example/a');
    expect(html).toContain('the docs');
    expect(html).toContain('(https://evil.example/b)');
    expect(html).toContain('https://evil.example/c');
    // An autolink's address is its text: it is not repeated.
    expect(html.split('https://evil.example/a')).toHaveLength(3); // data-link attribute + the text
  });
});
