'use client';
/**
 * Why one response got its reward: its text with the words the model pays for highlighted, and the top
 * contributions. A very long text shows its first part highlighted, then "Show all" (components/ui/
 * LongText.tsx) adds the rest as plain text.
 */
import type { ResponseExplanation } from '@/lib/workers/inspect-api';
import { maxOf } from '@/lib/core/stats/arrays';
import { LongText } from '@/components/ui/LongText';

/** `text` (the shown start of the response) with the highlights that lie inside it marked. */
function Highlighted({ text, explanation }: { text: string; explanation: ResponseExplanation }) {
  const max = maxOf(
    explanation.highlights.map((s) => Math.abs(s.weight)),
    1e-9,
  );
  const spans = explanation.highlights.filter((s) => s.end <= text.length).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start < at) return;
    if (s.start > at) parts.push(text.slice(at, s.start));
    const strength = Math.abs(s.weight) / max;
    if (strength < 0.15) parts.push(text.slice(s.start, s.end));
    else
      parts.push(
        <mark
          key={i}
          title={`${s.word}: ${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(3)}`}
          className={`rounded px-0.5 text-inherit ${s.weight >= 0 ? 'bg-sky-200 dark:bg-sky-800' : 'bg-orange-200 underline decoration-dotted dark:bg-orange-900'}`}
        >
          {text.slice(s.start, s.end)}
        </mark>,
      );
    at = s.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

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
  return (
    <div
      className="grid gap-4 rounded-lg border border-slate-300 p-4 md:grid-cols-2 dark:border-slate-700"
      data-testid="why"
    >
      <div className="min-w-0">
        <p className="text-sm font-semibold">
          Reward {explanation.reward.toFixed(2)} ·{' '}
          {correct === null ? 'no gold' : correct ? 'correct' : 'incorrect'}
          {style ? ` · ${style}` : ''}
        </p>
        <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">
          Highlighted words raise (blue) or lower (orange, dotted) the reward.
        </p>
        <LongText
          text={text}
          className="whitespace-pre-wrap text-sm leading-relaxed"
          renderStart={(start) => <Highlighted text={start} explanation={explanation} />}
        />
      </div>
      <table className="h-fit text-left text-sm">
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
              <td>{c.name}</td>
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
  );
}
