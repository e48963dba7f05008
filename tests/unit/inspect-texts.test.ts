// The viewer's texts (response id → prompt and text, for hover labels and explanations) are built once,
// with the report in the worker, for a model report and for bring-your-own scores, and survive the
// worker's structured clone; the viewer no longer rebuilds them from the dataset.
import { describe, expect, it } from 'vitest';
import { inspect, inspectScores } from '../../lib/core/goodhart/report';
import { FEATURE_DIM } from '../../lib/core/reward-model/features/index';
import { linearModel } from './model-fixture';
import type { DatasetFile } from '../../lib/core/types';

const model = linearModel(new Array<number>(FEATURE_DIM).fill(0.01), {
  trainedOn: { n: 1, promptKeys: ['p1'] },
});

const dataset: DatasetFile = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'd', name: 'd', description: '', source: 'test', created: 0 },
  prompts: [
    { id: 'p1', datasetId: 'd', text: 'Why is the sky blue?', category: 'x' },
    { id: 'p2', datasetId: 'd', text: 'Two plus two?', category: 'x' },
  ],
  responses: [
    { id: 'a', promptId: 'p1', datasetId: 'd', text: 'Rayleigh scattering.', tags: [] },
    { id: 'b', promptId: 'p1', datasetId: 'd', text: 'Because it is!', tags: [] },
    { id: 'c', promptId: 'p2', datasetId: 'd', text: 'Four.', tags: [] },
    // Its prompt is not in the dataset: no reward, so no text either.
    { id: 'lost', promptId: 'p9', datasetId: 'd', text: 'Orphan.', tags: [] },
  ],
};

describe('report texts', () => {
  it('a model report carries every scored response with its prompt and text', () => {
    const report = inspect(model, dataset);
    expect([...report.texts]).toEqual([
      ['a', { prompt: 'Why is the sky blue?', text: 'Rayleigh scattering.' }],
      ['b', { prompt: 'Why is the sky blue?', text: 'Because it is!' }],
      ['c', { prompt: 'Two plus two?', text: 'Four.' }],
    ]);
    expect([...report.texts.keys()]).toEqual(report.responses.map((r) => r.responseId));
    expect(structuredClone(report).texts).toEqual(report.texts);
  });

  it('a scores report keys them as its responses are keyed (r1, r2, … in file order)', () => {
    const report = inspectScores([
      { prompt: 'Q', response: 'A', reward: 1 },
      { prompt: 'Q', response: 'B', reward: 0, correct: true },
    ]);
    expect(report.responses.map((r) => r.responseId)).toEqual(['r1', 'r2']);
    expect([...structuredClone(report).texts]).toEqual([
      ['r1', { prompt: 'Q', text: 'A' }],
      ['r2', { prompt: 'Q', text: 'B' }],
    ]);
  });
});
