'use client';
/**
 * A participant's private "your biases" view at /room/me, on their own screen: from their OWN labels in
 * this browser's IndexedDB (nothing is fetched from the room), how often they picked the longer, the more
 * confident, the left and the wrong answer, and their self-consistency, each with its n, or "too few
 * labels" below the threshold. The maths is lib/core/room/biases.ts; names render as text (ui/Name).
 */
import { AppLink } from '@/components/ui/AppLink';
import { useLiveQuery } from 'dexie-react-hooks';
import { comparisonsFor, loadDatasetFile } from '@/lib/db/app';
import { MIN_BIAS_LABELS, MIN_REPEATS, myBiases, type BiasShare } from '@/lib/core/room/biases';
import { useLabStore } from '@/lib/store';
import { Name } from '@/components/ui/Name';
import { percent } from '@/components/ui/format';
import { useRoomIdentity } from './roomIdentity';

function Figure({
  id,
  title,
  what,
  s,
  min,
  unit = 'labels',
  extra,
}: {
  id: string;
  title: string;
  what: string;
  s: BiasShare;
  min: number;
  unit?: string;
  extra?: string;
}) {
  return (
    <section
      data-testid={`bias-${id}`}
      className="rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {s.enough ? (
        <p className="mt-1 text-4xl font-bold tabular-nums">{percent(s.share)}</p>
      ) : (
        <p className="mt-1 text-2xl font-semibold">too few {unit}</p>
      )}
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {s.enough ? `${s.k} of ${s.n} ${unit}` : `n = ${s.n}; shown from ${min}`} — {what}
        {extra ? ` ${extra}` : ''}
      </p>
    </section>
  );
}

export function MyBiases() {
  const identity = useRoomIdentity();
  const storageReady = useLabStore((s) => s.storageReady);
  const pid = identity?.participantId ?? null;
  const datasetId = identity?.datasetId ?? null;
  const data = useLiveQuery(async () => {
    if (!storageReady || !pid || !datasetId) return null;
    const [file, labels] = await Promise.all([loadDatasetFile(datasetId), comparisonsFor(datasetId, [pid])]);
    return { file: file ?? null, labels };
  }, [storageReady, pid, datasetId]);

  if (!identity)
    return (
      <p role="alert">
        This browser has not joined a room. Open the room&apos;s join link (or scan its QR code), then come
        back here after labeling.
      </p>
    );
  if (!data) return <p>Reading your labels…</p>;
  if (!data.file)
    return (
      <p role="alert">
        The room&apos;s dataset ({datasetId}) is not in this browser yet: open{' '}
        <AppLink href="/label">Label</AppLink> once while connected to the room.
      </p>
    );
  const b = myBiases(data.labels, data.file, identity.participantId);
  const p = b.left.pValue < 0.001 ? 'p < 0.001' : `p = ${b.left.pValue.toFixed(3)}`;
  return (
    <div className="space-y-4" data-testid="my-biases">
      <p>
        <Name name={identity.name} />: {b.labels} labels, {b.decisive} of them decisive (left or right
        better). Only you see this: it is computed in this browser from your own labels.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Figure
          id="longer"
          title="You picked the longer answer"
          what="decisive labels whose answers differ in word count"
          s={b.longer}
          min={MIN_BIAS_LABELS}
        />
        <Figure
          id="confident"
          title="You picked the more confident answer"
          what={'decisive labels whose answers differ in confident markers ("definitely", "clearly", …)'}
          s={b.confident}
          min={MIN_BIAS_LABELS}
        />
        <Figure
          id="left"
          title="You picked the left answer"
          what="decisive labels; 50% is no position bias"
          s={b.left}
          min={MIN_BIAS_LABELS}
          extra={b.left.enough ? `(exact binomial test against 50%: ${p})` : undefined}
        />
        <Figure
          id="wrong"
          title="You picked the wrong answer"
          what="decisive labels where exactly one answer is right by the dataset's gold"
          s={b.wrong}
          min={MIN_BIAS_LABELS}
        />
        <Figure
          id="consistency"
          title="You agreed with yourself"
          what="pairs shown to you again with the sides swapped (self-audit)"
          s={b.consistency}
          min={MIN_REPEATS}
          unit="repeats"
        />
      </div>
      {b.unknownResponses > 0 && (
        <p role="alert">
          {b.unknownResponses} of your labels name answers this dataset does not hold; they are left out of
          the length and confidence shares.
        </p>
      )}
    </div>
  );
}
