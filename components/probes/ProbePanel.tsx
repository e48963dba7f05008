'use client';
/**
 * /inspect's "what the model pays for", for every model kind: each edit of the probe library applied to
 * every response of the dataset and rescored in a worker (lib/workers/probe.worker.ts). A table of the
 * mean reward change with its 95% bootstrap interval, the share of responses whose reward rises and
 * whether gold changed, and a before/after of one response for the chosen edit. For an encoder model the
 * edited texts are embedded here on the main thread first (./embedTexts.ts, with progress and Cancel), on
 * a seeded sample of responses unless the user asks for every one (probes/budget.ts), as the page says.
 */
import { useEffect, useMemo, useState } from 'react';
import * as Comlink from 'comlink';
import { loadExportInput } from '@/lib/db/app';
import { encoderBoundsNote, probeBounds } from '@/lib/core/goodhart/probes/budget';
import { probeTexts, type ProbeReport } from '@/lib/core/goodhart/probes/probe';
import { usesEncoder } from '@/lib/core/reward-model/feature-sets';
import { modelFeatures, type RewardModelFile } from '@/lib/core/reward-model/model-file';
import type { ProbeWorkerApi } from '@/lib/workers/probe-api';
import { useWorker } from '@/components/ui/useWorker';
import { fixed, percent } from '@/components/ui/format';
import { TableScroll } from '@/components/ui/TableScroll';
import { EmbeddingProgress, type EmbeddingProgressValue } from '@/components/ui/EmbeddingProgress';
import { BeforeAfter } from './BeforeAfter';
import { embedTexts } from './embedTexts';
import { encoderWorkersFor } from '@/lib/workers/encoder-api';

/** The probes of `model` on the dataset `datasetId`. */
export function ProbePanel({ model, datasetId }: { model: RewardModelFile; datasetId: string }) {
  const worker = useWorker<ProbeWorkerApi>(
    () => new Worker(new URL('../../lib/workers/probe.worker.ts', import.meta.url)),
  ).get;
  const [report, setReport] = useState<ProbeReport | null>(null);
  const [status, setStatus] = useState('Probing: editing and rescoring every response…');
  const [chosen, setChosen] = useState<string>('');
  const set = modelFeatures(model).set;
  const encoder = usesEncoder(set);
  const [full, setFull] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [embedding, setEmbedding] = useState<{ value: EmbeddingProgressValue; stop: () => void } | null>(
    null,
  );

  useEffect(() => {
    let cancelled = false;
    const ctl = new AbortController();
    const stop = () => ctl.abort();
    (async () => {
      const input = await loadExportInput(datasetId);
      if (!input || cancelled) return;
      const opts = { seed: 1, ...probeBounds(set, full) };
      let embeddings;
      if (encoder) {
        const texts = probeTexts(input.dataset, opts);
        setNote(encoderBoundsNote(set, 'probe', full, texts.length, encoderWorkersFor(texts.length)));
        setStatus('Embedding the edited texts…');
        try {
          embeddings = await embedTexts(texts, input.dataset.responses, {
            signal: ctl.signal,
            onProgress: (value) => !cancelled && setEmbedding({ value, stop }),
          });
        } finally {
          if (!cancelled) setEmbedding(null);
        }
        if (cancelled) return;
        setStatus('Probing: scoring the edited texts…');
      }
      const r = await worker().probe(
        model,
        input.dataset,
        { ...opts, embeddings },
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
        !cancelled &&
        setStatus(
          e instanceof Error && e.name === 'AbortError'
            ? 'Probing cancelled: nothing was scored. Reload the page or tick the box to start again.'
            : `Could not probe the model: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
    return () => {
      cancelled = true;
      ctl.abort();
    };
    // `worker` is a stable getter for this component's worker; `set` and `encoder` follow `model`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, datasetId, full]);

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
      {encoder && (
        <div className="space-y-1 text-sm" data-testid="probes-encoder">
          <p className="max-w-4xl">{note}</p>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={full}
              onChange={(e) => {
                setReport(null);
                setFull(e.target.checked);
              }}
              data-testid="probes-full"
            />
            Probe every response (embeds every edited text; slow on a large dataset)
          </label>
        </div>
      )}
      <p aria-live="polite" className="text-sm" data-testid="probes-status">
        {status}
      </p>
      {embedding && (
        <EmbeddingProgress value={embedding.value} onCancel={embedding.stop} testId="probes-embedding" />
      )}
      {report && report.responses < report.totalResponses && (
        <p className="text-sm" data-testid="probes-sampled">
          Probed a seeded sample of {report.responses} of {report.totalResponses} responses.
        </p>
      )}
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
