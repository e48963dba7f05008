'use client';
/**
 * Simulated raters on /train: generate labels for a dataset with the hurried rater or the careful
 * fact-checker, stored under `sim: <preset>` and trained exactly like human labels.
 */
import { useState } from 'react';
import { loadDatasetFile, saveSimulatedLabels } from '@/lib/db/app';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { RATER_PRESETS, simulateLabels, type RaterPreset } from '@/lib/core/labeling/raters';
import { useLabStore } from '@/lib/store';
import { Button } from '@/components/ui/Button';

/** The panel's id: the small-sample notes of /train and /inspect link here (`/train#simulate`). */
export const SIMULATE_ANCHOR = 'simulate';

export function SimulatePanel({
  datasetId,
  onDone,
}: {
  datasetId: string;
  onDone?: (annotatorId: string) => void;
}) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [preset, setPreset] = useState<RaterPreset>('hurried');
  const [n, setN] = useState(500);
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function generate() {
    setBusy(true);
    setMessage('');
    try {
      const file = await loadDatasetFile(datasetId);
      if (!file) throw new Error('Choose a dataset first.');
      // Yield so the button shows its busy state before the (short) synchronous simulation.
      await new Promise((r) => setTimeout(r, 0));
      const { annotator, comparisons } = simulateLabels(file, preset, n, seed, { now: Date.now() });
      const storedId = await saveSimulatedLabels(annotator, comparisons);
      setMessage(`Stored ${comparisons.length} labels from “${annotator.name}” (seed ${seed}).`);
      onDone?.(storedId);
    } catch (e) {
      if (e instanceof StorageError) setProblem(e.problem);
      else if (e instanceof Error && !('inner' in e)) setMessage(e.message);
      else setProblem(toStorageProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      id={SIMULATE_ANCHOR}
      className="min-w-0 scroll-mt-4 space-y-2 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <h3 className="font-semibold">Let a simulated rater label</h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        No time to label 300 pairs? A simulated rater picks between two answers with P(prefers A) = σ(β·(u(A)
        − u(B))), where u rewards length, confident polish and flattery, plus correctness when it checks the
        facts.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 max-w-full">
          <label htmlFor="sim-preset" className="block text-sm font-medium">
            Rater
          </label>
          <select
            id="sim-preset"
            value={preset}
            onChange={(e) => setPreset(e.target.value as RaterPreset)}
            className="mt-1 w-full max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {(Object.keys(RATER_PRESETS) as RaterPreset[]).map((k) => (
              <option key={k} value={k}>
                {RATER_PRESETS[k].name} (checks facts {Math.round(RATER_PRESETS[k].knobs.pFactCheck * 100)}%
                of the time)
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sim-n" className="block text-sm font-medium">
            Labels
          </label>
          <input
            id="sim-n"
            type="number"
            min={1}
            max={100000}
            value={n}
            onChange={(e) => setN(Math.max(1, Math.min(100000, Math.floor(Number(e.target.value) || 1))))}
            className="mt-1 w-28 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          />
        </div>
        <div>
          <label htmlFor="sim-seed" className="block text-sm font-medium">
            Seed
          </label>
          <input
            id="sim-seed"
            type="number"
            value={seed}
            onChange={(e) => setSeed(Math.floor(Number(e.target.value) || 0))}
            className="mt-1 w-24 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          />
        </div>
        <Button onClick={generate} disabled={busy || !datasetId}>
          {busy ? 'Generating…' : 'Generate labels'}
        </Button>
      </div>
      <p aria-live="polite" className="text-sm" data-testid="simulate-message">
        {message}
      </p>
    </div>
  );
}
