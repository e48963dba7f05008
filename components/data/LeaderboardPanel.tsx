'use client';
/**
 * A Chatbot-Arena-style item leaderboard from the labels on a dataset: Bradley–Terry strengths (maximum
 * likelihood, ties as half a win) of response sources, styles or single responses, on the Elo scale with
 * seeded bootstrap 95% intervals. The same code as `goodhart leaderboard`.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { loadExportInput } from '@/lib/db/app';
import { itemBattles, type ItemKind } from '@/lib/core/leaderboard/item-battles';
import { leaderboard } from '@/lib/core/leaderboard/leaderboard';
import { DatasetSelect, useDatasets } from '@/components/ui/DatasetSelect';
import { Name } from '@/components/ui/Name';
import { TableScroll } from '@/components/ui/TableScroll';

/**
 * Most items ranked on this page: the fit and its 200 bootstrap refits run on the main thread (300 items
 * and 5,000 labels take about 0.6 s); `goodhart leaderboard` has no cap.
 */
const MAX_ITEMS = 300;

export function LeaderboardPanel() {
  const datasets = useDatasets();
  const [datasetId, setDatasetId] = useState('');
  const [kind, setKind] = useState<ItemKind>('style');
  const chosen = datasetId || datasets?.[0]?.id || '';
  const input = useLiveQuery(() => (chosen ? loadExportInput(chosen) : undefined), [chosen]);

  const result = useMemo(() => {
    if (!input) return null;
    const responses = new Map(input.dataset.responses.map((r) => [r.id, r]));
    const battles = itemBattles(input.comparisons, responses, kind);
    const items = new Set(battles.flatMap((b) => [b.a, b.b]));
    if (items.size > MAX_ITEMS) return { tooMany: items.size, rows: [], battles: battles.length };
    return { tooMany: 0, rows: leaderboard(battles, { bootstrap: 200, seed: 1 }), battles: battles.length };
  }, [input, kind]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    if (kind === 'response') for (const r of input?.dataset.responses ?? []) m.set(r.id, r.text.slice(0, 80));
    return m;
  }, [input, kind]);

  return (
    <section aria-labelledby="lb-h" className="space-y-3">
      <h2 id="lb-h" className="text-xl font-semibold">
        Leaderboard
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Bradley–Terry strengths from the labels, Chatbot Arena style: Elo = 1000 + 400·log10(strength), 95%
        intervals from 200 seeded bootstrap resamples. Ties and &ldquo;both bad&rdquo; count as half a win
        each way.
      </p>
      <div className="flex flex-wrap gap-4">
        <DatasetSelect id="lb-dataset" value={chosen} onChange={setDatasetId} />
        <div>
          <label htmlFor="lb-kind" className="block text-sm font-medium">
            Items
          </label>
          <select
            id="lb-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ItemKind)}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            <option value="style">response style (fluent vs hedged)</option>
            <option value="source">response source (model or author)</option>
            <option value="response">single responses</option>
          </select>
        </div>
      </div>
      {!result ? null : result.tooMany ? (
        <p className="text-sm">
          {result.tooMany} items is too many to rank here (at most {MAX_ITEMS}); use `goodhart leaderboard` on
          an exported file.
        </p>
      ) : result.rows.length === 0 ? (
        <p className="text-sm">No labels between two different items of this kind on this dataset.</p>
      ) : (
        <TableScroll label="Leaderboard">
          <table className="text-left text-sm" data-testid="leaderboard">
            <caption className="mb-1 text-left font-medium">{result.battles} battles</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="pr-4">
                  Rank
                </th>
                <th scope="col" className="pr-4">
                  Item
                </th>
                <th scope="col" className="pr-4 text-right">
                  Elo
                </th>
                <th scope="col" className="pr-4 text-right">
                  95% interval
                </th>
                <th scope="col" className="pr-4 text-right">
                  Battles
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                <tr key={r.id} className="border-b border-slate-200 dark:border-slate-800">
                  <td className="pr-4 tabular-nums">{i + 1}</td>
                  <td className="pr-4">
                    <Name name={names.get(r.id) ?? r.id} />
                  </td>
                  <td className="pr-4 text-right tabular-nums">{Math.round(r.elo)}</td>
                  <td className="pr-4 text-right tabular-nums">
                    {r.ci_low === null || r.ci_high === null
                      ? '—'
                      : `${Math.round(r.ci_low)} – ${Math.round(r.ci_high)}`}
                  </td>
                  <td className="pr-4 text-right tabular-nums">{r.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
