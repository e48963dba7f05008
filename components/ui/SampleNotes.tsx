/**
 * The small-sample notes of /train and /inspect (lib/core/sample-size.ts) as one plain box, with the offer
 * of a simulated rater, and the "95% CI lo–hi" text shown beside rates (lib/core/stats/wilson.ts).
 */
import { AppLink } from '@/components/ui/AppLink';
import type { SampleNote } from '@/lib/core/sample-size';
import type { Interval } from '@/lib/core/stats/wilson';

/** "95% CI 49%–94%", or '' when there is no interval. */
export function ciText(ci: Interval | null): string {
  return ci ? `95% CI ${Math.round(100 * ci.lo)}%–${Math.round(100 * ci.hi)}%` : '';
}

export function SampleNotes({
  notes,
  simulateHref,
  testId = 'small-sample',
}: {
  notes: readonly SampleNote[];
  /** Where the simulated rater is (an anchor on /train, or /train from elsewhere). */
  simulateHref: string;
  testId?: string;
}) {
  if (notes.length === 0) return null;
  return (
    <div
      role="note"
      data-testid={testId}
      className="space-y-1 rounded-lg border border-amber-600 bg-amber-50 p-3 text-sm dark:border-amber-400 dark:bg-amber-950"
    >
      <p className="font-semibold">Small sample: read these figures as a sketch, not a finding.</p>
      <ul className="list-disc space-y-1 pl-5">
        {notes.map((n) => (
          <li key={n.kind}>{n.text}</li>
        ))}
      </ul>
      <p>
        For figures that hold up,{' '}
        <AppLink href={simulateHref} className="font-medium underline">
          let a simulated rater label 500 pairs
        </AppLink>{' '}
        and train on those (or label more yourself).
      </p>
    </div>
  );
}
