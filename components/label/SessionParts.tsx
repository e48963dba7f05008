'use client';
/**
 * The pieces the pairs and rank workbenches (LabelWorkbench.tsx, components/rank/RankWorkbench.tsx) show
 * alike: who is labeling, the progress line and bar, the load error, the other tab's refusal, and the
 * fallback when the remembered dataset no longer exists.
 */
import { useEffect, type ReactNode } from 'react';
import { useLabStore } from '@/lib/store';
import { useDatasets } from '@/components/ui/DatasetSelect';
import { Name } from '@/components/ui/Name';
import { AnnotatorPicker } from './AnnotatorPicker';

/** The dataset chosen in the store; a remembered dataset that no longer exists falls back to the first. */
export function useSessionDataset(): { datasetId: string; setDataset: (id: string) => void } {
  const datasetId = useLabStore((s) => s.datasetId);
  const setDataset = useLabStore((s) => s.setDataset);
  const datasets = useDatasets();
  useEffect(() => {
    if (datasets && datasets.length && !datasets.some((d) => d.id === datasetId)) setDataset(datasets[0].id);
  }, [datasets, datasetId, setDataset]);
  return { datasetId, setDataset };
}

/** The page before anyone is chosen: a heading, why names matter, the picker. */
export function WhoIsLabeling({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mx-auto max-w-xl space-y-4">
      <h1 id={id} className="text-2xl font-semibold">
        {title}
      </h1>
      <p className="text-slate-700 dark:text-slate-300">{children}</p>
      <AnnotatorPicker />
    </section>
  );
}

/** "`done` `what` / `total` … for <name>" and its progress bar. */
export function SessionProgress({
  testId,
  label,
  done,
  total,
  text,
  name,
}: {
  testId: string;
  label: string;
  done: number;
  total: number;
  text: string;
  name: string | undefined;
}) {
  return (
    <div>
      <p data-testid={testId} className="text-sm font-medium" aria-live="polite">
        {text}
        {name !== undefined ? (
          <>
            {' '}
            for <Name name={name} />
          </>
        ) : null}
      </p>
      <div
        className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className="h-full bg-blue-700" style={{ width: total ? `${(100 * done) / total}%` : '0%' }} />
      </div>
    </div>
  );
}

/** The session could not be loaded (the storage problem's message). */
export function LoadError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

/** Another tab decided this item first: the store kept its decision and this one was not saved. */
export function TabConflict({ testId, message }: { testId: string; message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="status"
      data-testid={testId}
      className="rounded-md border border-amber-700 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      {message}
    </p>
  );
}
