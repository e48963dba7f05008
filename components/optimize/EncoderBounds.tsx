'use client';
/**
 * /optimize for a model that reads the sentence encoder: every text of the action table must be embedded
 * before the run (about 18 texts/s here), so the page says how the table is bounded (probes/budget.ts) and
 * how many texts it will embed before Run is pressed, with a checkbox for the full table.
 */
import { useEffect, useState } from 'react';
import { encoderBoundsNote, tableBounds } from '@/lib/core/goodhart/probes/budget';
import { buildTable } from '@/lib/core/goodhart/optimize/table';
import type { FeatureSet } from '@/lib/core/reward-model/feature-sets';
import type { DatasetFile } from '@/lib/core/types';
import { encoderWorkersFor } from '@/lib/workers/encoder-api';

/** The distinct texts of the (bounded) action table of `dataset` for a model of `set`. */
export function tableTexts(dataset: DatasetFile, set: FeatureSet, full: boolean, seed: number): string[] {
  return [...new Set(buildTable(dataset, { seed, ...tableBounds(set, full) }).texts.map((t) => t.response))];
}

export function EncoderBounds({
  set,
  dataset,
  full,
  onFull,
  seed,
  disabled,
}: {
  set: FeatureSet;
  dataset: DatasetFile | null;
  full: boolean;
  onFull: (full: boolean) => void;
  seed: number;
  disabled: boolean;
}) {
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!dataset) return;
    // A macrotask, so ticking the box repaints before the full table (thousands of texts) is built.
    const t = setTimeout(() => {
      const n = tableTexts(dataset, set, full, seed).length;
      setNote(encoderBoundsNote(set, 'optimize', full, n, encoderWorkersFor(n)));
    }, 0);
    return () => clearTimeout(t);
  }, [dataset, set, full, seed]);
  return (
    <div className="space-y-1 text-sm" data-testid="optimize-encoder">
      <p className="max-w-4xl">{note ?? 'Counting the texts to embed…'}</p>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={full}
          disabled={disabled}
          onChange={(e) => onFull(e.target.checked)}
          data-testid="optimize-full"
        />
        The full action table (every answer with up to three edits on every prompt; minutes of embedding)
      </label>
    </div>
  );
}
