'use client';
/**
 * "Train the room's model" on the dashboard: trains a reward model on the room's labels in the training
 * worker (lib/workers/train-api.ts), and another on the careful fact-checker's judgments of the same pairs
 * (lib/core/room/dashboard.ts roomTraining), scores the dataset with both in the inspection worker, and
 * shows /inspect's headlines and best-of-n curve for each side by side, in projector type.
 */
import { useState } from 'react';
import type { InspectReport } from '@/lib/core/goodhart/report';
import type { SessionBundle } from '@/lib/core/formats/session';
import { DEFAULT_TRAIN_CONFIG } from '@/lib/core/reward-model/model-file';
import { selectTrainingLabels } from '@/lib/core/reward-model/training-data';
import { roomTraining } from '@/lib/core/room/dashboard';
import type { Comparison } from '@/lib/core/types';
import type { InspectWorkerApi } from '@/lib/workers/inspect-api';
import type { TrainWorkerApi } from '@/lib/workers/train-api';
import { BestOfNChart } from '@/components/charts/BestOfNChart';
import { Headlines } from '@/components/inspect/Headlines';
import { Button } from '@/components/ui/Button';
import { useWorker } from '@/components/ui/useWorker';

interface Trained {
  labels: number;
  at: number;
  room: InspectReport;
  careful: InspectReport;
}

function Side({ title, report, testId }: { title: string; report: InspectReport; testId: string }) {
  const heldOut = report.heldOut.prompts > 0;
  const figures = heldOut ? report.heldOut : report.all;
  const slice = heldOut ? 'held-out' : 'all';
  return (
    <section className="min-w-0 space-y-4" data-testid={testId}>
      <h3 className="text-2xl font-semibold">{title}</h3>
      <Headlines figures={figures} slice={slice} />
      <BestOfNChart
        data={figures.bestOfN}
        title={`Best-of-n (${slice} prompts)`}
        fileName={testId}
        height={360}
      />
    </section>
  );
}

export function DashboardTrain({ bundle }: { bundle: SessionBundle | null }) {
  const trainer = useWorker<TrainWorkerApi>(
    () => new Worker(new URL('../../lib/workers/train.worker.ts', import.meta.url)),
  ).get;
  const inspector = useWorker<InspectWorkerApi>(
    () => new Worker(new URL('../../lib/workers/inspect.worker.ts', import.meta.url)),
  ).get;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [trained, setTrained] = useState<Trained | null>(null);

  async function run() {
    const t = bundle ? roomTraining(bundle) : null;
    if (!bundle || !t) {
      setStatus('The room export holds no dataset to train on yet.');
      return;
    }
    if (selectTrainingLabels(t.room, DEFAULT_TRAIN_CONFIG.ties).decided < 2) {
      setStatus('Not enough labels: the room needs at least two decided labels (left or right better).');
      return;
    }
    setBusy(true);
    try {
      const { prompts, responses } = t.dataset;
      const model = async (comparisons: Comparison[]) =>
        (await trainer().trainLabels({ comparisons, prompts, responses }, {})).model;
      setStatus(`Training the room's model on ${t.room.length} labels…`);
      const roomModel = await model(t.room);
      setStatus(`Training the careful fact-checker's model on the same ${t.room.length} pairs…`);
      const carefulModel = await model(t.careful.comparisons);
      setStatus('Scoring every response with both models…');
      const room = await inspector().inspect(roomModel, t.dataset, {
        comparisons: t.room,
        annotators: bundle.annotators,
        maxN: 16,
      });
      const careful = await inspector().inspect(carefulModel, t.dataset, {
        comparisons: t.careful.comparisons,
        annotators: [t.careful.annotator],
        maxN: 16,
      });
      setTrained({ labels: t.room.length, at: Date.now(), room, careful });
      setStatus(null);
    } catch (e) {
      setStatus(`Training failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="room-train-h" className="space-y-4 lg:col-span-2">
      <h2 id="room-train-h" className="text-3xl font-semibold">
        The room&apos;s reward model
      </h2>
      <div className="flex flex-wrap items-center gap-4">
        <Button
          variant="primary"
          className="px-5 py-3 text-xl"
          disabled={busy || !bundle}
          onClick={() => void run()}
        >
          {trained ? "Train the room's model again" : "Train the room's model"}
        </Button>
        <span role="status" className="text-xl" data-testid="room-train-status">
          {status ??
            (trained
              ? `Trained on ${trained.labels} labels at ${new Date(trained.at).toLocaleTimeString()}; beside it, the careful fact-checker on the same pairs.`
              : '')}
        </span>
      </div>
      {trained && (
        <div className="grid gap-8 xl:grid-cols-2">
          <Side title={`The room (${trained.labels} labels)`} report={trained.room} testId="room-model" />
          <Side
            title="Careful fact-checker (simulated), same pairs"
            report={trained.careful}
            testId="careful-model"
          />
        </div>
      )}
    </section>
  );
}
