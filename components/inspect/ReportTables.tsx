'use client';
/** The viewer's two tables: mean reward by gold correctness × style, and each annotator against gold. */
import type { RaterRow, ResponseReward, SliceFigures } from '@/lib/core/goodhart/report';
import { wilsonInterval } from '@/lib/core/stats/wilson';
import { percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';
import { ciText } from '@/components/ui/SampleNotes';

const HEAD = 'border-b border-slate-300 dark:border-slate-700';
const ROW = 'border-b border-slate-200 dark:border-slate-800';
const pct = (x: number | null | undefined) => percent(x);

/** "correct · hedged", "no gold · no style": a response's group. */
export const groupName = (r: Pick<ResponseReward, 'correct' | 'style'>) =>
  `${r.correct === null ? 'no gold' : r.correct ? 'correct' : 'incorrect'} · ${r.style ?? 'no style'}`;

export function GroupTable({ figures }: { figures: SliceFigures }) {
  if (!figures.groups.length) return null;
  return (
    <div className="relative overflow-x-auto">
      <table className="text-left text-sm" data-testid="group-table">
        <caption className="mb-1 text-left font-medium">Mean reward by group</caption>
        <thead>
          <tr className={HEAD}>
            <th scope="col" className="pr-4">
              Group
            </th>
            <th scope="col" className="pr-4 text-right">
              Responses
            </th>
            <th scope="col" className="pr-4 text-right">
              Mean reward
            </th>
            <th scope="col" className="pr-4 text-right">
              SD
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.groups.map((g) => (
            <tr key={`${g.correct}|${g.style}`} className={ROW}>
              <td className="pr-4">{groupName(g)}</td>
              <td className="pr-4 text-right tabular-nums">{g.n}</td>
              <td className="pr-4 text-right tabular-nums">{g.mean.toFixed(2)}</td>
              <td className="pr-4 text-right tabular-nums">{g.sd.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RatersTable({ raters }: { raters: readonly RaterRow[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="text-left text-sm" data-testid="inspect-raters">
        <thead>
          <tr className={HEAD}>
            <th scope="col" className="pr-4">
              Annotator
            </th>
            <th scope="col" className="pr-4 text-right">
              Pairs with one right answer
            </th>
            <th scope="col" className="pr-4 text-right">
              Preferred the wrong one
            </th>
            <th scope="col" className="pr-4 text-right">
              Ties / both bad
            </th>
          </tr>
        </thead>
        <tbody>
          {raters.map((r) => (
            <tr key={r.annotatorId} className={ROW}>
              <td className="pr-4">
                <Name name={r.name} />
              </td>
              <td className="pr-4 text-right tabular-nums">{r.n}</td>
              <td className="pr-4 text-right tabular-nums">
                {pct(r.wrongRate)}
                <span className="block text-xs text-slate-700 dark:text-slate-300">
                  {ciText(wilsonInterval(r.preferredWrong, r.n))}
                </span>
              </td>
              <td className="pr-4 text-right tabular-nums">
                {r.ties} / {r.bothBad}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
