'use client';
/**
 * The one-click tour on /: a simulated hurried rater labels 500 demo pairs, a reward model trains on them in
 * the worker, and /inspect opens on the result. A few seconds from a fresh start, with any feature set (the
 * demo's sentence-encoder embeddings ship with the app, so no model download).
 */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { loadDatasetFile, saveSimulatedLabels } from '@/lib/db/app';
import { StorageError } from '@/lib/db/errors';
import { DEMO_DATASET_ID } from '@/lib/core/demo';
import { simulateLabels } from '@/lib/core/labeling/raters';
import { makeRunExperiment } from '@/lib/core/reward-model/experiment';
import { DEFAULT_TRAIN_CONFIG } from '@/lib/core/reward-model/model-file';
import { FEATURE_SETS, type FeatureSet } from '@/lib/core/reward-model/feature-sets';
import { TRAIN_SETTINGS } from '@/lib/core/reward-model/settings';
import { useLabStore } from '@/lib/store';
import { useTrainingStore } from '@/lib/store/training';
import { startTraining } from '@/components/train/trainer';
import { Button } from '@/components/ui/Button';
import { embeddingProgressText } from '@/components/ui/EmbeddingProgress';

export function QuickTour() {
  const router = useRouter();
  const setDataset = useLabStore((s) => s.setDataset);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const epochs = useTrainingStore((s) => s.history.length);
  const embedding = useTrainingStore((s) => s.embedding);
  const [features, setFeatures] = useState<FeatureSet>(DEFAULT_TRAIN_CONFIG.features);
  const [step, setStep] = useState<'idle' | 'labeling' | 'training' | 'error'>('idle');
  const [message, setMessage] = useState('');

  async function run() {
    try {
      setStep('labeling');
      const demo = await loadDatasetFile(DEMO_DATASET_ID);
      if (!demo) throw new Error('The demo dataset is missing: restore it on the Data page.');
      await new Promise((r) => setTimeout(r, 0));
      const { annotator, comparisons } = simulateLabels(demo, 'hurried', 500, 1, { now: Date.now() });
      const storedId = await saveSimulatedLabels(annotator, comparisons);
      setDataset(DEMO_DATASET_ID);
      setStep('training');
      const runId = await startTraining(
        makeRunExperiment(DEMO_DATASET_ID, [storedId], { ...DEFAULT_TRAIN_CONFIG, features }),
        `tour · sim: hurried rater · ${features} · seed 1`,
      );
      if (!runId) throw new Error(useTrainingStore.getState().message ?? 'Training did not finish.');
      router.push('/inspect');
    } catch (e) {
      setStep('error');
      if (e instanceof StorageError) setProblem(e.problem);
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="rounded-lg border border-blue-700 p-5" aria-labelledby="tour-h">
      <h2 id="tour-h" className="text-xl font-semibold">
        No time? See it in a few seconds
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        A simulated <em>hurried rater</em> (checks facts one time in ten, likes confident polish) labels 500
        pairs of the demo, a reward model trains on its labels in your browser, and the viewer opens on what
        it learned.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium">{TRAIN_SETTINGS.features.label}</span>
          <select
            id="tour-features"
            value={features}
            onChange={(e) => setFeatures(e.target.value as FeatureSet)}
            disabled={step === 'labeling' || step === 'training'}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {FEATURE_SETS.map((f) => (
              <option key={f} value={f}>
                {TRAIN_SETTINGS.features.choices[f]}
              </option>
            ))}
          </select>
        </label>
        <Button variant="primary" onClick={run} disabled={step === 'labeling' || step === 'training'}>
          Run the lesson for me
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 text-sm" data-testid="tour-status">
        {step === 'labeling' && 'The hurried rater is labeling 500 pairs…'}
        {step === 'training' &&
          (embedding ? embeddingProgressText(embedding) : `Training the reward model… epoch ${epochs}`)}
        {step === 'error' && message}
      </p>
    </section>
  );
}
