'use client';
/**
 * A dataset's content warning (Dataset.contentWarning, e.g. HH-RLHF's red-team set), shown instead of
 * the pairs until acknowledged; this browser remembers the acknowledgement per dataset (lib/db/app.ts
 * `acknowledgeContentWarning`), and a warning that changed is asked again. Nothing is judged meanwhile:
 * the workbench ignores the decision keys while `useContentWarning(...).blocking`.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { acknowledgeContentWarning, contentWarningSeen } from '@/lib/db/app';
import type { Dataset } from '@/lib/core/types';
import { Button } from '@/components/ui/Button';
import { Name } from '@/components/ui/Name';
import { useDatasets } from '@/components/ui/DatasetSelect';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { useLabStore } from '@/lib/store';

/** The dataset's warning and whether it still stands between the user and the pairs (true while unknown). */
export function useContentWarning(datasetId: string): {
  dataset?: Dataset;
  warning?: string;
  blocking: boolean;
} {
  const datasets = useDatasets();
  const dataset = datasets?.find((d) => d.id === datasetId);
  const warning = dataset?.contentWarning;
  const seen = useLiveQuery(
    async () => ({
      key: `${datasetId}|${warning}`,
      seen: warning ? await contentWarningSeen(datasetId, warning) : true,
    }),
    [datasetId, warning],
  );
  const known = datasets !== undefined && seen?.key === `${datasetId}|${warning}`;
  return { dataset, warning, blocking: !known || (Boolean(warning) && !seen.seen) };
}

export function ContentWarning({ dataset, warning }: { dataset: Dataset; warning: string }) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const acknowledge = () =>
    acknowledgeContentWarning(dataset.id, warning).catch((e: unknown) =>
      setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e)),
    );
  return (
    <section
      role="region"
      aria-labelledby="content-warning-h"
      data-testid="content-warning"
      className="mx-auto max-w-2xl space-y-3 rounded-lg border-2 border-amber-600 bg-amber-50 p-6 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="content-warning-h" className="text-xl font-semibold">
        Content warning
      </h2>
      <p>
        The dataset <Name name={dataset.name} className="font-semibold" /> comes with this warning:
      </p>
      <blockquote className="whitespace-pre-wrap border-l-4 border-amber-600 pl-3">{warning}</blockquote>
      <p className="text-sm">
        You can stop at any time and choose another dataset above. This browser remembers that you have read
        the warning for this dataset.
      </p>
      <Button variant="primary" onClick={() => void acknowledge()}>
        I understand: show the pairs
      </Button>
    </section>
  );
}
