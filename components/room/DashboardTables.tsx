/**
 * The dashboard's tables in projector type: participants with their labels (and who is here now, when the
 * server says), who preferred the wrong answer most, and position bias per person. Names through ui/Name.
 */
import type { BiasRow, WrongRow } from '@/lib/core/room/dashboard';
import type { RoomSummary } from '@/lib/core/room/protocol';
import { percent } from '@/components/ui/format';
import { Name } from '@/components/ui/Name';
import { TableScroll } from '@/components/ui/TableScroll';

const TH = 'py-1 pr-6 font-semibold';
const ROW = 'border-b border-slate-200 dark:border-slate-800';
const TD = 'py-1 pr-6';

/** A column of a projector table: its heading and whether its cells are numbers (right-aligned). */
interface Column {
  label: string;
  numeric?: boolean;
}

/** One table in projector type: a heading row and a row of cells per entry (the first cell a name). */
function ProjectorTable({
  testId,
  columns,
  rows,
}: {
  testId: string;
  columns: readonly (Column | false)[];
  rows: readonly { key: string | number; cells: readonly (React.ReactNode | false)[] }[];
}) {
  const shown = columns.filter((c): c is Column => c !== false);
  const numeric = columns.map((c) => c !== false && c.numeric === true);
  return (
    <TableScroll label="Room table">
      <table className="mt-3 w-full text-left text-2xl" data-testid={testId}>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {shown.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? `${TH} text-right` : TH}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={ROW}>
              {r.cells.map((cell, i) =>
                columns[i] === false ? null : (
                  <td key={i} className={numeric[i] ? `${TD} text-right tabular-nums` : TD}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

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
        <ProjectorTable
          testId="room-participants"
          columns={[
            { label: 'Name' },
            showPresent && { label: 'Here' },
            { label: 'Labels', numeric: true },
            k > 0 && { label: 'Calibration', numeric: true },
          ]}
          rows={summary.participants.map((p, i) => ({
            key: i,
            cells: [
              <Name key="n" name={p.name} />,
              p.present ? 'here' : 'away',
              p.labels,
              `${p.calibrated ?? 0} of ${k}`,
            ],
          }))}
        />
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
        <ProjectorTable
          testId="room-wrong"
          columns={[{ label: 'Name' }, { label: 'Wrong', numeric: true }, { label: 'Out of', numeric: true }]}
          rows={shown.map((r) => ({
            key: r.annotatorId,
            cells: [<Name key="n" name={r.name} />, percent(r.wrongRate), `${r.preferredWrong} of ${r.n}`],
          }))}
        />
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
        <ProjectorTable
          testId="room-bias"
          columns={[
            { label: 'Name' },
            { label: 'Left won', numeric: true },
            { label: 'Decided labels', numeric: true },
            { label: 'p (vs 50%)', numeric: true },
            { label: 'Verdict' },
          ]}
          rows={rows.map((r) => ({
            key: r.annotatorId,
            cells: [
              <Name key="n" name={r.name} />,
              percent(r.leftShare),
              r.n,
              r.pValue < 0.001 ? '< 0.001' : r.pValue.toFixed(3),
              r.flagged
                ? (r.leftShare ?? 0.5) > 0.5
                  ? 'favours the left'
                  : 'favours the right'
                : `no sign (p ≥ ${pLimit})`,
            ],
          }))}
        />
      )}
    </section>
  );
}
