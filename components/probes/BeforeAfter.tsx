'use client';
/** One response before and after an edit, side by side (stacked on narrow screens), with each reward and gold. */
import { Markdown } from '@/components/Markdown';
import { fixed } from '@/components/ui/format';

/** What {@link BeforeAfter} shows. */
export interface BeforeAfterProps {
  prompt: string;
  before: string;
  after: string;
  rewardBefore: number;
  rewardAfter: number;
  correctBefore: boolean | null;
  correctAfter: boolean | null;
  editName: string;
}

const goldText = (c: boolean | null) => (c === null ? 'no gold label' : c ? 'correct' : 'incorrect');

export function BeforeAfter(p: BeforeAfterProps) {
  const delta = p.rewardAfter - p.rewardBefore;
  const side = (label: string, text: string, reward: number, correct: boolean | null, testid: string) => (
    <div
      className="min-w-0 rounded-lg border border-slate-300 p-3 dark:border-slate-700"
      data-testid={testid}
    >
      <p className="mb-2 text-sm font-semibold">
        {label}: reward <span className="font-mono">{fixed(reward, 2)}</span> · {goldText(correct)}
      </p>
      <div
        className="max-h-96 overflow-auto break-words text-sm"
        role="region"
        tabIndex={0}
        aria-label={`${label}: the response`}
      >
        <Markdown text={text} />
      </div>
    </div>
  );
  return (
    <div className="space-y-2">
      <p className="break-words text-sm text-slate-700 dark:text-slate-300">
        <span className="font-medium">Prompt:</span> {p.prompt}
      </p>
      <p className="text-sm">
        <strong>{p.editName}</strong> changes this response&apos;s reward by{' '}
        <span className="font-mono">
          {delta >= 0 ? '+' : ''}
          {fixed(delta, 2)}
        </span>
        .
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        {side('Before', p.before, p.rewardBefore, p.correctBefore, 'probe-before')}
        {side('After', p.after, p.rewardAfter, p.correctAfter, 'probe-after')}
      </div>
    </div>
  );
}
