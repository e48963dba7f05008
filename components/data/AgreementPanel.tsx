'use client';
/**
 * Workshop mode on /data: how much the room agreed on one dataset (percent agreement and Cohen's κ per pair
 * of annotators on their shared pairs, Krippendorff's α over everyone), each annotator against gold, and
 * the pairs the room disagreed on most.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { loadExportInput } from '@/lib/db/app';
import {
  formatAgreement,
  MIN_SHARED_PAIRS,
  mostDisagreedPairs,
  pairwiseAgreement,
  raterAccuracyAgainstGold,
  roomAlpha,
} from '@/lib/core/labeling/agreement';
import { Markdown } from '@/components/Markdown';
import { LongText } from '@/components/ui/LongText';
import { AuditPanel } from './AuditPanel';
import { DatasetSelect, useDatasets } from '@/components/ui/DatasetSelect';
import { percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';
import { TableScroll } from '@/components/ui/TableScroll';

const pct = (x: number | null | undefined) => percent(x);

export function AgreementPanel() {
  const datasets = useDatasets();
  const [datasetId, setDatasetId] = useState('');
  const chosen = datasetId || datasets?.[0]?.id || '';
  const input = useLiveQuery(() => (chosen ? loadExportInput(chosen) : undefined), [chosen]);

  const stats = useMemo(() => {
    if (!input) return null;
    const names = new Map(input.annotators.map((a) => [a.id, a.name]));
    const gold = new Map(input.dataset.responses.map((r) => [r.id, r.correct]));
    const responses = new Map(input.dataset.responses.map((r) => [r.id, r]));
    const prompts = new Map(input.dataset.prompts.map((p) => [p.id, p]));
    const perAnnotator = new Map<string, number>();
    for (const c of input.comparisons)
      perAnnotator.set(c.annotatorId, (perAnnotator.get(c.annotatorId) ?? 0) + 1);
    return {
      names,
      responses,
      prompts,
      perAnnotator,
      pairs: pairwiseAgreement(input.comparisons),
      alpha: roomAlpha(input.comparisons),
      vsGold: raterAccuracyAgainstGold(input.comparisons, gold),
      disagreed: mostDisagreedPairs(input.comparisons)
        .filter((d) => d.disagreement > 0)
        .slice(0, 10),
    };
  }, [input]);

  return (
    <section aria-labelledby="agree-h" className="space-y-4">
      <h2 id="agree-h" className="text-xl font-semibold">
        Workshop: how much did the room agree?
      </h2>
      <DatasetSelect id="agree-dataset" value={chosen} onChange={setDatasetId} />
      {!stats ? (
        <p>Loading…</p>
      ) : stats.perAnnotator.size === 0 ? (
        <p>No labels on this dataset yet.</p>
      ) : (
        <>
          <p data-testid="room-alpha">
            Krippendorff&apos;s α over everyone (nominal):{' '}
            <strong>{formatAgreement(stats.alpha.alpha, stats.alpha.n)}</strong>{' '}
            <span className="text-sm text-slate-700 dark:text-slate-300">
              (1 = perfect agreement, 0 = no better than chance; n = the pairs seen by at least two people; a
              κ or α on fewer than {MIN_SHARED_PAIRS} shared pairs is not shown)
            </span>
          </p>
          <TableScroll label="Raters against gold">
            <table className="text-left text-sm" data-testid="raters-vs-gold">
              <caption className="mb-1 text-left font-medium">Each annotator</caption>
              <thead>
                <tr className="border-b border-slate-300 dark:border-slate-700">
                  <th scope="col" className="pr-4">
                    Annotator
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    Labels
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    Pairs with one right answer
                  </th>
                  <th scope="col" className="pr-4 text-right">
                    Preferred the wrong one
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...stats.perAnnotator.entries()].map(([id, n]) => {
                  const g = stats.vsGold.find((r) => r.annotatorId === id);
                  return (
                    <tr key={id} className="border-b border-slate-200 dark:border-slate-800">
                      <td className="pr-4">
                        <Name name={stats.names.get(id) ?? id} />
                      </td>
                      <td className="pr-4 text-right tabular-nums">{n}</td>
                      <td className="pr-4 text-right tabular-nums">{g?.n ?? 0}</td>
                      <td className="pr-4 text-right tabular-nums">{pct(g?.wrongRate)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {stats.pairs.length > 0 && (
            <TableScroll label="Pairwise agreement">
              <table className="text-left text-sm" data-testid="pairwise-kappa">
                <caption className="mb-1 text-left font-medium">
                  Pairs of annotators, on the pairs both labeled
                </caption>
                <thead>
                  <tr className="border-b border-slate-300 dark:border-slate-700">
                    <th scope="col" className="pr-4">
                      Annotators
                    </th>
                    <th scope="col" className="pr-4 text-right">
                      Shared pairs
                    </th>
                    <th scope="col" className="pr-4 text-right">
                      Agreement
                    </th>
                    <th scope="col" className="pr-4 text-right">
                      Cohen&apos;s κ
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.pairs.map((p) => (
                    <tr
                      key={`${p.annotatorA}|${p.annotatorB}`}
                      className="border-b border-slate-200 dark:border-slate-800"
                    >
                      <td className="pr-4">
                        <Name name={stats.names.get(p.annotatorA) ?? p.annotatorA} /> ×{' '}
                        <Name name={stats.names.get(p.annotatorB) ?? p.annotatorB} />
                      </td>
                      <td className="pr-4 text-right tabular-nums">{p.n}</td>
                      <td className="pr-4 text-right tabular-nums">
                        {pct(p.observed)} (n = {p.n})
                      </td>
                      <td className="pr-4 text-right tabular-nums">{formatAgreement(p.kappa, p.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {input && <AuditPanel comparisons={input.comparisons} annotators={input.annotators} />}
          {stats.disagreed.length > 0 && (
            <details>
              <summary className="cursor-pointer font-medium">The pairs the room disagreed on most</summary>
              <ol className="mt-2 space-y-3">
                {stats.disagreed.map((d) => {
                  const a = stats.responses.get(d.aId);
                  const b = stats.responses.get(d.bId);
                  return (
                    <li
                      key={d.key}
                      className="rounded border border-slate-300 p-3 text-sm dark:border-slate-700"
                    >
                      <LongText
                        text={stats.prompts.get(d.promptId)?.text ?? ''}
                        className="font-medium whitespace-pre-wrap"
                      />
                      <p className="mt-1">
                        Votes: first better {d.counts.a}, second better {d.counts.b}, tie {d.counts.tie}, both
                        bad {d.counts.both_bad} ({d.n} people)
                      </p>
                      <div className="mt-2 grid gap-2 md:grid-cols-2">
                        {[a, b].map((r, i) => (
                          <div key={i} className="rounded bg-slate-50 p-2 dark:bg-slate-900">
                            <p className="text-xs font-semibold">
                              {i === 0 ? 'First' : 'Second'}
                              {r?.correct === undefined ? '' : r.correct ? ' · correct' : ' · incorrect'}
                            </p>
                            <Markdown text={r?.text ?? ''} />
                          </div>
                        ))}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </details>
          )}
        </>
      )}
    </section>
  );
}
