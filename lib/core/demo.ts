/**
 * The built-in demo dataset: authored in parts (public/demo/parts/*.json), combined into one dataset file
 * (public/demo/goodhart-demo.json) by `node scripts/build-demo.mjs`, fetched by the app on first start
 * and read from disk by the CLI (`goodhart simulate demo ...`).
 */
import type { DatasetFile, Prompt, Response } from './types';

export const DEMO_DATASET_ID = 'demo';
/** URL of the combined demo pack in the static export. */
export const DEMO_URL = '/demo/goodhart-demo.json';
/** Path of the combined demo pack relative to the project root. */
export const DEMO_FILE = 'public/demo/goodhart-demo.json';

/** One authored part of the demo: prompts with nested responses. */
export interface DemoPart {
  part: string;
  prompts: {
    id: string;
    category: string;
    text: string;
    responses: { id: string; correct: boolean; tags: string[]; text: string }[];
  }[];
}

/** Combine authored parts into one dataset file with stable ids (`demo-<promptId>`). */
export function demoFromParts(parts: readonly DemoPart[]): DatasetFile {
  const prompts: Prompt[] = [];
  const responses: Response[] = [];
  for (const part of parts) {
    for (const p of part.prompts) {
      const promptId = `demo-${p.id}`;
      prompts.push({ id: promptId, datasetId: DEMO_DATASET_ID, text: p.text, category: p.category });
      for (const r of p.responses) {
        responses.push({
          id: `demo-${r.id}`,
          promptId,
          datasetId: DEMO_DATASET_ID,
          text: r.text,
          source: 'goodhart-demo',
          correct: r.correct,
          tags: [...r.tags],
        });
      }
    }
  }
  return {
    format: 'goodhart-dataset',
    version: 1,
    dataset: {
      id: DEMO_DATASET_ID,
      name: 'Goodhart demo pack',
      description:
        'Questions where a confident, fluent, well-formatted wrong answer competes with a hesitant, plain right one: misconceptions, estimation, science, code, sycophancy and invented citations. Every response is gold-labelled and style-tagged.',
      source: 'builtin:demo',
      created: 0,
    },
    prompts,
    responses,
  };
}
