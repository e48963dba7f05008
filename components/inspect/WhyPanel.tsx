'use client';
/**
 * Why one response got its reward: the response as the labeler saw it (rendered Markdown), with the words
 * that drive its reward marked (stop words never are), and its top feature contributions by readable
 * name. A very long text renders its first part, then "Show all" adds the rest (components/Markdown.tsx).
 */
import { useMemo } from 'react';
import type { ResponseExplanation } from '@/lib/workers/inspect-api';
import { driverWords } from '@/lib/core/reward-model/explain';
import { Markdown } from '@/components/Markdown';
import { markDrivers } from './markDrivers';

export function WhyPanel({
  text,
  correct,
  style,
  explanation,
}: {
  text: string;
  correct: boolean | null;
  style: string | null;
  explanation: ResponseExplanation;
}) {
  const plugins = useMemo(() => [markDrivers(driverWords(explanation.highlights))], [explanation]);
  return (
    <div
      className="grid min-w-0 gap-4 rounded-lg border border-slate-300 p-4 md:grid-cols-2 dark:border-slate-700"
      data-testid="why"
    >
      <div className="min-w-0">
        <p className="text-sm font-semibold">
          Reward {explanation.reward.toFixed(2)} ·{' '}
          {correct === null ? 'no gold' : correct ? 'correct' : 'incorrect'}
          {style ? ` · ${style}` : ''}
        </p>
        <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">
          As the labeler saw it. Marked words raise (blue) or lower (orange, dotted) the reward; common words
          such as &ldquo;the&rdquo; or &ldquo;is&rdquo; are never marked.
        </p>
        <div className="text-sm leading-relaxed" data-testid="why-text">
          <Markdown text={text} rehypePlugins={plugins} />
        </div>
      </div>
      <div className="relative min-w-0 overflow-x-auto">
        <table className="h-fit w-full text-left text-sm">
          <caption className="mb-1 text-left font-medium">What drove this score</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col">Feature</th>
              <th scope="col" className="text-right">
                Value
              </th>
              <th scope="col" className="text-right">
                Contribution
              </th>
            </tr>
          </thead>
          <tbody>
            {explanation.top.map((c) => (
              <tr key={c.index} className="border-b border-slate-200 dark:border-slate-800">
                <td className="break-words pr-2">{c.name}</td>
                <td className="text-right tabular-nums">{c.value.toFixed(2)}</td>
                <td className="text-right tabular-nums">
                  {c.contribution >= 0 ? '+' : ''}
                  {c.contribution.toFixed(3)}
                </td>
              </tr>
            ))}
            <tr>
              <td colSpan={3} className="pt-1 text-xs">
                Style features total {explanation.styleTotal.toFixed(2)}, words total{' '}
                {explanation.wordsTotal.toFixed(2)}, baseline {explanation.baseline.toFixed(2)}.
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
