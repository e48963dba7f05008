'use client';
/**
 * /inspect's "what the model pays for", for every model kind: each edit of the probe library applied to
 * every response of the dataset and rescored in a worker (lib/workers/probe.worker.ts). A table of the
 * mean reward change with its 95% bootstrap interval, the share of responses whose reward rises and
 * whether gold changed, and a before/after of one response for the chosen edit.
 */
import { useEffect, useMemo, useState } from 'react';
import * as Comlink from 'comlink';
import { loadExportInput } from '@/lib/db/app';
import type { ProbeReport } from '@/lib/core/goodhart/probes/probe';
import type { RewardModelFile } from '@/lib/core/reward-model/model-file';
import type { ProbeWorkerApi } from '@/lib/workers/probe-api';
import { useWorker } from '@/components/ui/useWorker';
import { fixed, percent } from '@/components/ui/format';
import { TableScroll } from '@/components/ui/TableScroll';
import { BeforeAfter } from './BeforeAfter';

/** The probes of `model` on the dataset `datasetId`. */
export function ProbePanel({ model, datasetId }: { model: RewardModelFile; datasetId: string }) {
  const worker = useWorker<ProbeWorkerApi>(
    () => new Worker(new URL('../../lib/workers/probe.worker.ts', import.meta.url)),
  ).get;
  const [report, setReport] = useState<ProbeReport | null>(null);
  const [status, setStatus] = useState('Probing: editing and rescoring every response…');
  const [chosen, setChosen] = useState<string>('');

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const input = await loadExportInput(datasetId);
      if (!input || cancelled) return;
      const r = await worker().probe(
        model,
        input.dataset,
        { seed: 1 },
        Comlink.proxy(
          (done: number, total: number) =>
            !cancelled && setStatus(`Probing: ${done} of ${total} texts scored…`),
        ),
      );
      if (cancelled) return;
      setReport(r);
      setStatus('');
    })().catch(
      (e) =>
        !cancelled && setStatus(`Could not probe the model: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      cancelled = true;
    };
    // `worker` is a stable getter for this component's worker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, datasetId]);

  const scale = useMemo(
    () =>
      Math.max(
        1e-9,
        ...(report?.edits ?? [])
          .flatMap((e) => [Math.abs(e.ciLow), Math.abs(e.ciHigh)])
          .filter(Number.isFinite),
      ),
    [report],
  );
  const best = report?.edits.filter((e) => e.example).sort((a, b) => b.meanDelta - a.meanDelta)[0];
  const row = report?.edits.find((e) => e.id === chosen) ?? best;

  return (
    <section aria-labelledby="probes-h" className="space-y-3" data-testid="probes">
      <h2 id="probes-h" className="text-xl font-semibold">
        What the model pays for: counterfactual probes
      </h2>
      <p className="max-w-4xl text-sm text-slate-700 dark:text-slate-300">
        Every response is rewritten by each edit below and scored again. Edits that keep the claims (only the
        splice changes correctness) should not change a good reward model&apos;s mind; a reward that rises
        under them is a reward an optimiser can collect without being more right. Bars show the 95% bootstrap
        interval of the mean change (the whisker) around the mean (the bar).
      </p>
      <p aria-live="polite" className="text-sm" data-testid="probes-status">
        {status}
      </p>
      {report && (
        <TableScroll label="Probe results by edit">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Mean reward change per edit, with 95% intervals</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-1 pr-2">
                  Edit
                </th>
                <th scope="col" className="py-1 pr-2">
                  Mean reward change [95% CI]
                </th>
                <th scope="col" className="w-40 py-1 pr-2">
                  <span className="sr-only">Interval</span>
                </th>
                <th scope="col" className="py-1 pr-2">
                  Rises
                </th>
                <th scope="col" className="py-1">
                  Gold
                </th>
              </tr>
            </thead>
            <tbody>
              {report.edits.map((e) => {
                const x = (v: number) => `${50 + (50 * v) / scale}%`;
                return (
                  <tr
                    key={e.id}
                    className="border-b border-slate-200 dark:border-slate-800"
                    data-testid={`probe-row-${e.id}`}
                  >
                    <th scope="row" className="py-1.5 pr-2 font-medium" title={e.description}>
                      {e.name}
                    </th>
                    <td className="py-1.5 pr-2 font-mono">
                      {e.meanDelta >= 0 ? '+' : ''}
                      {fixed(e.meanDelta, 2)} [{fixed(e.ciLow, 2)}, {fixed(e.ciHigh, 2)}]
                    </td>
                    <td className="py-1.5 pr-2" aria-hidden="true">
                      <div className="relative h-3 w-36 rounded bg-slate-100 dark:bg-slate-800">
                        <div className="absolute inset-y-0 left-1/2 w-px bg-slate-500" />
                        {Number.isFinite(e.meanDelta) && (
                          <>
                            {/* The mean change as a bar from zero, its 95% interval as a dark whisker on it. */}
                            <div
                              className={`absolute inset-y-0.5 ${e.meanDelta > 0 ? 'bg-amber-500/70' : 'bg-blue-600/60'}`}
                              style={{
                                left: x(Math.min(0, e.meanDelta)),
                                right: `calc(100% - ${x(Math.max(0, e.meanDelta))})`,
                              }}
                            />
                            <div
                              className="absolute top-1/2 h-0.5 -translate-y-1/2 bg-slate-900 dark:bg-slate-100"
                              style={{ left: x(e.ciLow), right: `calc(100% - ${x(e.ciHigh)})`, minWidth: 2 }}
                            />
                          </>
                        )}
                      </div>
                    </td>
                    <td className="py-1.5 pr-2">
                      {percent(e.raisedShare)} of {e.n}
                    </td>
                    <td className="py-1.5">
                      {e.goldChanged ? 'changed (right → wrong)' : e.changesGold ? 'no gold here' : 'kept'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {report && row?.example && (
        <div className="space-y-2">
          <label htmlFor="probe-edit" className="block text-sm font-medium">
            Before and after: the response this edit helps most
          </label>
          <select
            id="probe-edit"
            value={row.id}
            onChange={(e) => setChosen(e.target.value)}
            className="max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {report.edits
              .filter((e) => e.example)
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
          </select>
          <BeforeAfter {...row.example} editName={row.name} />
        </div>
      )}
    </section>
  );
}
