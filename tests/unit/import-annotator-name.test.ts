// The pseudo-annotator an import credits a file's labels to is recognised as such (never offered on /label
// as someone to label as), whatever the file name; a person's name is not.
import { describe, expect, it } from 'vitest';
import { importAnnotatorName, isImportAnnotatorName } from '../../lib/core/formats/builder';
import { parseFile } from '../../lib/core/formats/parse';

describe('isImportAnnotatorName', () => {
  it('recognises every import pseudo-annotator and no person', () => {
    for (const file of ['a.jsonl', 'hh-rlhf-harmless-test.jsonl.gz', 'weird: name.csv', ''])
      expect(isImportAnnotatorName(importAnnotatorName(file))).toBe(true);
    for (const person of ['Ada', 'import', 'importer: Bob', ' import: x', 'Import: x'])
      expect(isImportAnnotatorName(person)).toBe(false);
  });

  it('the annotator a TRL import creates is one', () => {
    const r = parseFile('prefs.jsonl', JSON.stringify({ prompt: 'Q?', chosen: 'A.', rejected: 'B.' }) + '\n');
    expect(r.annotators.map((a) => a.name)).toEqual(['import: prefs.jsonl']);
    expect(r.annotators.every((a) => isImportAnnotatorName(a.name))).toBe(true);
  });
});
