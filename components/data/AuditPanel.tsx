'use client';
/**
 * Rater self-audit on /data: each annotator's self-consistency on silently re-shown, side-swapped pairs,
 * and position bias (how often the left answer won, with an exact binomial test against chance), plus a
 * large-type view the facilitator can put on the projector.
 */
import { useMemo, useState } from 'react';
import { Dialog } from 'radix-ui';
import type { Annotator, Comparison } from '@/lib/core/types';
import { positionBias, selfConsistency } from '@/lib/core/labeling/audit';
import { Button } from '@/components/ui/Button';
import { percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';
import { TableScroll } from '@/components/ui/TableScroll';

const pct = (x: number | null) => percent(x);
const p3 = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

export function AuditPanel({
  comparisons,
  annotators,
}: {
  comparisons: Comparison[];
  annotators: Annotator[];
}) {
  const [big, setBig] = useState(false);
  const rows = useMemo(() => {
    const names = new Map(annotators.map((a) => [a.id, a.name]));
    const consistency = new Map(selfConsistency(comparisons).map((r) => [r.annotatorId, r]));
    return positionBias(comparisons).map((b) => ({
      name: names.get(b.annotatorId) ?? b.annotatorId,
      bias: b,
      consistency: consistency.get(b.annotatorId) ?? null,
    }));
  }, [comparisons, annotators]);
  if (!rows.length) return null;

  const table = (large: boolean) => (
    <table
      className={`text-left ${large ? 'text-2xl' : 'text-sm'}`}
      data-testid={large ? undefined : 'audit-table'}
    >
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th scope="col" className="pr-6">
            Annotator
          </th>
          <th scope="col" className="pr-6 text-right">
            Re-shown pairs
          </th>
          <th scope="col" className="pr-6 text-right">
            Same verdict again
          </th>
          <th scope="col" className="pr-6 text-right">
            Left side won
          </th>
          <th scope="col" className="pr-6 text-right">
            Beyond chance? (p)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.bias.annotatorId} className="border-b border-slate-200 dark:border-slate-800">
            <td className="pr-6">
              <Name name={r.name} />
            </td>
            <td className="pr-6 text-right tabular-nums">{r.consistency?.n ?? 0}</td>
            <td className="pr-6 text-right tabular-nums">{pct(r.consistency?.rate ?? null)}</td>
            <td className="pr-6 text-right tabular-nums">
              {pct(r.bias.leftShare)} of {r.bias.n}
            </td>
            <td className="pr-6 text-right tabular-nums">
              {r.bias.pValue < 0.05 ? 'yes' : 'no'} ({p3(r.bias.pValue)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className="space-y-2">
      <h3 className="font-semibold">Self-audit: consistency and position bias</h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        With self-audit on (labeling options on /label), some pairs come back later with the sides swapped. A
        consistent rater gives the same verdict; a rater without position bias picks the left answer about
        half the time (exact binomial test against 50%).
      </p>
      <TableScroll label="Self-audit">{table(false)}</TableScroll>
      <Button onClick={() => setBig(true)}>Show the room&apos;s figures</Button>
      <Dialog.Root open={big} onOpenChange={setBig}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
          <Dialog.Content className="fixed inset-4 z-50 overflow-auto rounded-lg bg-white p-8 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
            <Dialog.Title className="text-4xl font-bold">How consistent were we?</Dialog.Title>
            <Dialog.Description className="mt-2 text-xl">
              Same pair, sides swapped: did we give the same verdict? Did the left answer win more than
              chance?
            </Dialog.Description>
            <div className="mt-6">{table(true)}</div>
            <Dialog.Close className="mt-8 rounded-md bg-blue-700 px-4 py-2 text-xl text-white">
              Close
            </Dialog.Close>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}
