'use client';
/**
 * An active-learning comparison's results: held-out accuracy against the number of labels for each
 * next-pair policy (PolicyCurves), and how many labels each policy needed to reach the target accuracy.
 */
import { PolicyCurves } from '@/components/charts/PolicyCurves';
import { labelsToReach, nextPairPolicy, type PolicyName } from '@/lib/core/labeling/policies';
import { TableScroll } from '@/components/ui/TableScroll';

/** One policy's curve: held-out accuracy (0..1) after each number of labels. */
export interface PolicyCurveData {
  policy: PolicyName;
  points: readonly { labels: number; accuracy: number }[];
}

/** Chart and "labels needed" table of an active-learning comparison. */
export function ActiveLearningResults({
  curves,
  target,
  heldOutPairs,
}: {
  curves: readonly PolicyCurveData[];
  target: number;
  heldOutPairs: number | null;
}) {
  const targetText = `${(target * 100).toFixed(0)}%`;
  return (
    <div className="space-y-4">
      <PolicyCurves
        curves={curves}
        title="Held-out accuracy against labels, by next-pair policy"
        fileName="active-learning"
        height={440}
      />
      {curves.length > 0 && (
        <TableScroll label="Active-learning results">
          <table className="text-left text-sm" data-testid="al-table">
            <caption className="mb-1 text-left text-sm text-slate-700 dark:text-slate-300">
              Accuracy = share of {heldOutPairs ?? 'the'} held-out pairs ordered the way the rater would more
              often than not.
            </caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-1 pr-4">
                  Policy
                </th>
                <th scope="col" className="py-1 pr-4">
                  Picks
                </th>
                <th scope="col" className="py-1 pr-4">
                  Labels to reach {targetText}
                </th>
                <th scope="col" className="py-1 pr-4">
                  Final accuracy
                </th>
              </tr>
            </thead>
            <tbody>
              {curves.map((c) => {
                const need = labelsToReach(c.points, target);
                const last = c.points.at(-1);
                return (
                  <tr key={c.policy} className="border-b border-slate-200 tabular-nums dark:border-slate-800">
                    <th scope="row" className="py-1 pr-4 font-medium">
                      {c.policy}
                    </th>
                    <td className="py-1 pr-4">{nextPairPolicy(c.policy).picks}</td>
                    <td className="py-1 pr-4">{need === null ? 'not reached' : need}</td>
                    <td className="py-1 pr-4">
                      {last ? `${(last.accuracy * 100).toFixed(1)}% at ${last.labels}` : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
