'use client';
/**
 * The facilitator's dashboard at /room, laid out for a projector (large type, legible at 1280×720): the
 * join code and a QR code per join link (./QRLinks.tsx); who
 * is in the room and how many labels each has, live; the room's α with the shared pairs it rests on; who
 * preferred the wrong answer most; position bias per person; the room's exports; and the room's reward
 * model beside a careful fact-checker's on the same pairs. Every name goes
 * through ui/Name (text, never HTML).
 */
import { useState } from 'react';
import { formatAgreement, MIN_SHARED_PAIRS } from '@/lib/core/labeling/agreement';
import { BIAS_P_VALUE, roomExportPath } from '@/lib/core/room/dashboard';
import { downloadBlob } from '@/components/charts/download';
import { Button } from '@/components/ui/Button';
import { facilitatorFetch, useDashboard, useFacilitatorToken } from './DashboardData';
import { DashboardBias, DashboardParticipants, DashboardWrong } from './DashboardTables';
import { DashboardTrain } from './DashboardTrain';
import { QRLinks } from './QRLinks';

const LINK_HELP =
  'Open the facilitator link that `goodhart room` printed (it ends in #token=…); the dashboard needs its token.';

const EXPORTS = {
  session: { label: 'Export the room (session bundle)', file: 'goodhart-room-session.json' },
  trl: { label: 'Export TRL JSONL', file: 'goodhart-room-trl.jsonl' },
} as const;

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <div
      role="alert"
      className="rounded-lg border-2 border-red-700 bg-red-50 p-6 text-2xl text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      {children}
    </div>
  );
}

export function Dashboard() {
  const tokenState = useFacilitatorToken();
  const token = tokenState.kind === 'ready' ? tokenState.token : null;
  const d = useDashboard(token);
  const [exportMessage, setExportMessage] = useState<string | null>(null);

  async function download(format: keyof typeof EXPORTS) {
    if (!token) return;
    setExportMessage(null);
    try {
      const res = await facilitatorFetch(roomExportPath(format), token);
      if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
      downloadBlob(EXPORTS[format].file, await res.blob());
      setExportMessage(`Saved ${EXPORTS[format].file}.`);
    } catch (e) {
      setExportMessage(`The export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <div className="space-y-6 text-xl" data-testid="room-dashboard">
      <h1 className="text-4xl font-bold">Room dashboard</h1>
      {tokenState.kind === 'reading' ? (
        <p>Reading the facilitator link…</p>
      ) : tokenState.kind === 'missing' ? (
        <Problem>
          <p className="font-semibold">No facilitator token.</p>
          <p className="mt-2">{LINK_HELP}</p>
        </Problem>
      ) : d.refused ? (
        <Problem>
          <p className="font-semibold">The room server refused this facilitator token (401).</p>
          <p className="mt-2">
            It belongs to another room, or the room was started again with a new --data folder. {LINK_HELP}
          </p>
        </Problem>
      ) : (
        <>
          {token && <QRLinks token={token} />}
          <div className="flex flex-wrap items-center gap-4">
            {(Object.keys(EXPORTS) as (keyof typeof EXPORTS)[]).map((f) => (
              <Button key={f} className="px-5 py-3 text-xl" onClick={() => void download(f)}>
                {EXPORTS[f].label}
              </Button>
            ))}
            <span role="status" className="text-lg">
              {exportMessage}
            </span>
          </div>
          {d.summaryError && <Problem>{d.summaryError}</Problem>}
          {!d.summary ? (
            !d.summaryError && <p>Asking the room server…</p>
          ) : (
            <div className="grid gap-8 lg:grid-cols-2">
              <DashboardParticipants summary={d.summary} updatedAt={d.updatedAt} />
              <div className="space-y-8">
                <section aria-labelledby="room-alpha-h">
                  <h2 id="room-alpha-h" className="text-3xl font-semibold">
                    How much the room agrees
                  </h2>
                  <p className="mt-2 text-4xl font-bold tabular-nums" data-testid="dashboard-alpha">
                    α = {d.figures ? formatAgreement(d.figures.alpha.alpha, d.figures.alpha.n) : '…'}
                  </p>
                  <p className="mt-1 text-lg text-slate-700 dark:text-slate-300">
                    Krippendorff&apos;s α over everyone: 1 = perfect agreement, 0 = chance. n = pairs labeled
                    by two people or more; below {MIN_SHARED_PAIRS} it is not shown.
                  </p>
                </section>
                {d.figuresError && <Problem>{d.figuresError}</Problem>}
                {d.figures && <DashboardWrong rows={d.figures.wrong} />}
              </div>
              {d.figures && <DashboardBias rows={d.figures.bias} pLimit={BIAS_P_VALUE} />}
              <DashboardTrain bundle={d.bundle} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
