'use client';
/**
 * Opens IndexedDB, installs the built-in demo dataset on first start, and shows storage problems (private
 * window, quota, an upgrade blocked by another tab) in the page instead of failing silently.
 */
import { useEffect } from 'react';
import { installBuiltInDataset, onStorageProblem, openLab } from '@/lib/db/app';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { DEMO_DATASET_ID, DEMO_URL } from '@/lib/core/demo';
import type { DatasetFile } from '@/lib/core/types';
import { useLabStore } from '@/lib/store';
import { estimateStorage } from '@/components/storage';
import { quotaStatus } from '@/lib/core/storage/quota';

let started = false;

async function fetchDemo(): Promise<DatasetFile> {
  const res = await fetch(DEMO_URL);
  if (!res.ok) throw new Error(`the demo pack could not be loaded (${res.status} ${DEMO_URL})`);
  return (await res.json()) as DatasetFile;
}

export function StorageGate({ children }: { children: React.ReactNode }) {
  const problem = useLabStore((s) => s.storageProblem);
  const ready = useLabStore((s) => s.storageReady);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const setReady = useLabStore((s) => s.setStorageReady);

  useEffect(() => onStorageProblem(setProblem), [setProblem]);

  useEffect(() => {
    if (started) return;
    started = true;
    (async () => {
      const opened = await openLab();
      if ('problem' in opened) {
        setProblem(opened.problem);
        return;
      }
      try {
        await installBuiltInDataset(DEMO_DATASET_ID, fetchDemo);
      } catch (e) {
        setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e));
      }
      setReady(true);
      // Warn before the quota is reached, and say what to export.
      const est = await estimateStorage().catch(() => null);
      if (est && quotaStatus(est.usage, est.quota).level !== 'ok') {
        setProblem({
          kind: 'quota',
          message: `Storage for this site is ${Math.round((100 * est.usage) / est.quota)}% full. Export your labels from the Data page now, then delete datasets or models you no longer need.`,
        });
      }
    })();
  }, [setProblem, setReady]);

  const fatal = problem && !ready;
  return (
    <>
      {problem && (
        <div
          role="alert"
          data-testid="storage-problem"
          className="mb-4 rounded-md border border-amber-600 bg-amber-50 p-4 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50"
        >
          <p className="font-semibold">Storage problem</p>
          <p>{problem.message}</p>
          {problem.detail && <p className="mt-1 text-sm opacity-80">Details: {problem.detail}</p>}
          {ready && (
            <button
              type="button"
              className="mt-2 rounded border border-current px-2 py-1 text-sm"
              onClick={() => setProblem(null)}
            >
              Dismiss
            </button>
          )}
        </div>
      )}
      {fatal ? null : ready ? (
        children
      ) : (
        <p className="text-slate-600 dark:text-slate-300" aria-live="polite">
          Opening your local data…
        </p>
      )}
    </>
  );
}
