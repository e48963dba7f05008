/**
 * The dashboard's tables in projector type: participants with their labels (and who is here now, when the
 * server says), who preferred the wrong answer most, and position bias per person. Names through ui/Name.
 */
import type { BiasRow, WrongRow } from '@/lib/core/room/dashboard';
import type { RoomSummary } from '@/lib/core/room/protocol';
import { percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';

const TH = 'py-1 pr-6 font-semibold';
const ROW = 'border-b border-slate-200 dark:border-slate-800';

export function DashboardParticipants({
  summary,
  updatedAt,
}: {
  summary: RoomSummary;
  updatedAt: number | null;
}) {
  const showPresent = summary.participants.some((p) => p.present !== undefined);
  const here = summary.participants.filter((p) => p.present).length;
  const k = summary.calibration ?? 0;
  const finished = summary.participants.filter((p) => (p.calibrated ?? 0) >= k).length;
  return (
    <section aria-labelledby="room-people-h">
      <h2 id="room-people-h" className="text-3xl font-semibold">
        In the room
      </h2>
      <p className="mt-2 text-2xl" data-testid="room-total">
        <strong className="tabular-nums">{summary.labels}</strong> labels from{' '}
        <strong className="tabular-nums">{summary.participants.length}</strong>{' '}
        {summary.participants.length === 1 ? 'person' : 'people'}
        {showPresent && <>, {here} here now</>}
      </p>
      {k > 0 && summary.participants.length > 0 && (
        <p className="mt-1 text-2xl" data-testid="room-calibration">
          Calibration set: <strong className="tabular-nums">{finished}</strong> of{' '}
          {summary.participants.length} finished all {k} shared pairs
        </p>
      )}
      {summary.participants.length === 0 ? (
        <p className="mt-2">Nobody has joined yet: share the join link or its QR code.</p>
      ) : (
        <table className="mt-3 w-full text-left text-2xl" data-testid="room-participants">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className={TH}>
                Name
              </th>
              {showPresent && (
                <th scope="col" className={TH}>
                  Here
                </th>
              )}
              <th scope="col" className={`${TH} text-right`}>
                Labels
              </th>
              {k > 0 && (
                <th scope="col" className={`${TH} text-right`}>
                  Calibration
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {summary.participants.map((p, i) => (
              <tr key={i} className={ROW}>
                <td className="py-1 pr-6">
                  <Name name={p.name} />
                </td>
                {showPresent && <td className="py-1 pr-6">{p.present ? 'here' : 'away'}</td>}
                <td className="py-1 pr-6 text-right tabular-nums">{p.labels}</td>
                {k > 0 && (
                  <td className="py-1 pr-6 text-right tabular-nums">
                    {p.calibrated ?? 0} of {k}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {updatedAt !== null && (
        <p className="mt-2 text-base text-slate-700 dark:text-slate-300">
          Updated {new Date(updatedAt).toLocaleTimeString()}
        </p>
      )}
    </section>
  );
}

export function DashboardWrong({ rows }: { rows: readonly WrongRow[] }) {
  const shown = rows.slice(0, 8);
  return (
    <section aria-labelledby="room-wrong-h">
      <h2 id="room-wrong-h" className="text-3xl font-semibold">
        Preferred the wrong answer most
      </h2>
      <p className="mt-1 text-lg text-slate-700 dark:text-slate-300">
        Of each person&apos;s labels on pairs with one right and one wrong answer, how often they picked the
        wrong one.
      </p>
      {shown.length === 0 ? (
        <p className="mt-2">No labels yet on pairs with one right answer.</p>
      ) : (
        <table className="mt-3 w-full text-left text-2xl" data-testid="room-wrong">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className={TH}>
                Name
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Wrong
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Out of
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.annotatorId} className={ROW}>
                <td className="py-1 pr-6">
                  <Name name={r.name} />
                </td>
                <td className="py-1 pr-6 text-right tabular-nums">{percent(r.wrongRate)}</td>
                <td className="py-1 pr-6 text-right tabular-nums">
                  {r.preferredWrong} of {r.n}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DashboardBias({ rows, pLimit }: { rows: readonly BiasRow[]; pLimit: number }) {
  return (
    <section aria-labelledby="room-bias-h" className="lg:col-span-2">
      <h2 id="room-bias-h" className="text-3xl font-semibold">
        Position bias: how often the left answer won
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2">No decided labels yet.</p>
      ) : (
        <table className="mt-3 w-full text-left text-2xl" data-testid="room-bias">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className={TH}>
                Name
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Left won
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Decided labels
              </th>
              <th scope="col" className={`${TH} text-right`}>
                p (vs 50%)
              </th>
              <th scope="col" className={TH}>
                Verdict
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.annotatorId} className={ROW}>
                <td className="py-1 pr-6">
                  <Name name={r.name} />
                </td>
                <td className="py-1 pr-6 text-right tabular-nums">{percent(r.leftShare)}</td>
                <td className="py-1 pr-6 text-right tabular-nums">{r.n}</td>
                <td className="py-1 pr-6 text-right tabular-nums">
                  {r.pValue < 0.001 ? '< 0.001' : r.pValue.toFixed(3)}
                </td>
                <td className="py-1 pr-6">
                  {r.flagged
                    ? (r.leftShare ?? 0.5) > 0.5
                      ? 'favours the left'
                      : 'favours the right'
                    : `no sign (p ≥ ${pLimit})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
