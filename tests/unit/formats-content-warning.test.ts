// A dataset's content warning (lib/core/types.ts Dataset.contentWarning): the HH-RLHF importer sets it by
// default, an import can set or clear it (option or column mapping), the dataset schema checks it, and a
// dataset or session file carries it through export and import unchanged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile, parseFileBytes } from '../../lib/core/formats/parse';
import { hasErrors } from '../../lib/core/formats/result';
import { HH_CONTENT_WARNING } from '../../lib/core/formats/conversation';
import { datasetSchema, MAX_CONTENT_WARNING_CHARS } from '../../lib/core/formats/schemas';
import { exportDataset, exportSession } from '../../lib/core/formats/session';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as importCommand } from '../../cli/commands/import';
import { capture } from './cli-harness';

const hhBytes = readFileSync(new URL('../../../shared/data/hh-rlhf-harmless-test.jsonl.gz', import.meta.url));
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const hhRow = {
  chosen: '\n\nHuman: Say something rude.\n\nAssistant: No.',
  rejected: '\n\nHuman: Say something rude.\n\nAssistant: You fool.',
};
const trlRow = { prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Lyon.' };

describe('content warning', () => {
  it('the shared HH-RLHF harmless file carries the HH warning by default; TRL rows carry none', () => {
    const hh = parseFileBytes('hh-rlhf-harmless-test.jsonl.gz', hhBytes, { now: 0 });
    expect(hh.format).toBe('hh-rlhf-jsonl');
    expect(hh.dataset.dataset.contentWarning).toBe(HH_CONTENT_WARNING);
    expect(HH_CONTENT_WARNING).toMatch(/offensive/);
    const trl = parseFile('prefs.jsonl', jsonl([trlRow]), { now: 0 });
    expect(trl.format).toBe('trl-jsonl');
    expect(trl.dataset.dataset.contentWarning).toBeUndefined();
    // HH transcripts read under a forced TRL format are still HH transcripts.
    const forced = parseFile('mixed.jsonl', jsonl([trlRow, hhRow]), { now: 0, format: 'trl-jsonl' });
    expect(forced.dataset.dataset.contentWarning).toBe(HH_CONTENT_WARNING);
  });

  it('the import option sets (trimmed) or clears it; too long is an error on the field', () => {
    const set = parseFile('prefs.jsonl', jsonl([trlRow]), { now: 0, contentWarning: '  Spiders.  ' });
    expect(set.dataset.dataset.contentWarning).toBe('Spiders.');
    const cleared = parseFile('hh.jsonl', jsonl([hhRow]), { now: 0, contentWarning: '   ' });
    expect(cleared.format).toBe('hh-rlhf-jsonl');
    expect(cleared.dataset.dataset.contentWarning).toBeUndefined();
    expect('contentWarning' in cleared.dataset.dataset).toBe(false);
    const long = parseFile('prefs.jsonl', jsonl([trlRow]), {
      now: 0,
      contentWarning: 'x'.repeat(MAX_CONTENT_WARNING_CHARS + 1),
    });
    expect(hasErrors(long)).toBe(true);
    expect(long.issues.at(-1)).toMatchObject({ field: 'contentWarning', severity: 'error', line: 1 });
    expect(long.dataset.dataset.contentWarning).toBeUndefined();
  });

  it('a column mapping can carry it (the CLI --mapping and /data remap)', () => {
    const csv = 'question,a,b\nWhy?,Because.,No idea.\n';
    const r = parseFile('q.csv', csv, {
      now: 0,
      mapping: { prompt: 'question', responses: ['a', 'b'], contentWarning: 'Mild peril.' },
    });
    expect(hasErrors(r)).toBe(false);
    expect(r.dataset.dataset.contentWarning).toBe('Mild peril.');
  });

  it('the schema takes a warning, refuses an empty one, and a dataset and a session file round-trip it', () => {
    const base = { id: 'd', name: 'n', description: '', source: 's', created: 0 };
    expect(datasetSchema.parse({ ...base, contentWarning: 'Gore.' }).contentWarning).toBe('Gore.');
    expect(datasetSchema.safeParse({ ...base, contentWarning: '' }).success).toBe(false);
    expect(datasetSchema.safeParse({ ...base, contentWarning: 3 }).success).toBe(false);

    const hh = parseFile('hh.jsonl', jsonl([hhRow]), { now: 0 });
    const again = parseFile('hh.json', exportDataset(hh.dataset), { now: 0 });
    expect(again.format).toBe('goodhart-dataset');
    expect(hasErrors(again)).toBe(false);
    expect(again.dataset.dataset.contentWarning).toBe(HH_CONTENT_WARNING);
    const bundle = exportSession({
      format: 'goodhart-session',
      version: 1,
      exportedAt: 0,
      datasets: [hh.dataset],
      comparisons: hh.comparisons,
      skips: [],
      annotators: hh.annotators,
      models: [],
      settings: {},
    });
    const back = parseFile('session.json', bundle, { now: 0 });
    expect(back.format).toBe('goodhart-session');
    expect(hasErrors(back)).toBe(false);
    expect(back.session!.datasets[0].dataset.contentWarning).toBe(HH_CONTENT_WARNING);
    // A lab file with an empty warning is refused with the field named.
    const bad = JSON.parse(exportDataset(hh.dataset));
    bad.dataset.contentWarning = '';
    const refused = parseFile('bad.json', JSON.stringify(bad), { now: 0 });
    expect(hasErrors(refused)).toBe(true);
    expect(refused.issues.some((i) => i.field?.includes('contentWarning'))).toBe(true);
  });
});

describe('goodhart import --content-warning', () => {
  it('sets it on the written dataset file, prints it, and "" clears the HH default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goodhart-cw-'));
    try {
      const src = join(dir, 'prefs.jsonl');
      writeFileSync(src, jsonl([trlRow]));
      const out = join(dir, 'out.json');
      const io = capture();
      expect(await importCommand([src, '--content-warning', 'Spoilers.', '--out', out], io)).toBe(0);
      expect(io.stdout).toContain('  content warning: Spoilers.');
      const written = parseFile('out.json', readFileSync(out, 'utf8'), { now: 0 });
      expect(written.session!.datasets[0].dataset.contentWarning).toBe('Spoilers.');

      const hh = join(dir, 'hh.jsonl');
      writeFileSync(hh, jsonl([hhRow]));
      const quiet = capture();
      expect(await importCommand([hh, '--content-warning', '', '--out', out], quiet)).toBe(0);
      expect(quiet.stdout.some((l) => l.includes('content warning'))).toBe(false);
      const cleared = parseFile('out.json', readFileSync(out, 'utf8'), { now: 0 });
      expect(cleared.session!.datasets[0].dataset.contentWarning).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
