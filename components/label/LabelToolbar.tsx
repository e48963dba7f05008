'use client';
/**
 * The /label toolbar, one row: the dataset, who is labeling (collapsed to "Labeling as … · change"), the
 * gold reveal and scroll-together switches, the shortcuts help; and, folded, the labeling options (the
 * next-pair policy and the self-audit share).
 */
import { Switch } from 'radix-ui';
import { useLabStore } from '@/lib/store';
import { useTrainingStore } from '@/lib/store/training';
import { NEXT_PAIR_POLICIES, type PolicyName } from '@/lib/core/labeling/policies';
import { Button, Kbd } from '@/components/ui/Button';
import { DatasetSelect } from '@/components/ui/DatasetSelect';
import { LabelingAs } from './LabelingAs';

function Toggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <Switch.Root
        id={id}
        checked={checked}
        onCheckedChange={onChange}
        className="relative h-6 w-11 shrink-0 rounded-full bg-slate-400 data-[state=checked]:bg-blue-700"
      >
        <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white transition-transform data-[state=checked]:translate-x-[22px]" />
      </Switch.Root>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
    </div>
  );
}

const SELECT = 'mt-1 max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:bg-slate-900';

export function LabelToolbar({
  datasetId,
  setDataset,
  name,
  together,
  setTogether,
  policyState,
}: {
  datasetId: string;
  setDataset: (id: string) => void;
  name: string;
  together: boolean;
  setTogether: (v: boolean) => void;
  /** What the next-pair policy is doing (loading its model, choosing by it), in words. */
  policyState: string;
}) {
  const reveal = useLabStore((s) => s.reveal);
  const setReveal = useLabStore((s) => s.setReveal);
  const setHelpOpen = useLabStore((s) => s.setHelpOpen);
  const policy = useLabStore((s) => s.policy);
  const setPolicy = useLabStore((s) => s.setPolicy);
  const auditShare = useLabStore((s) => s.auditShare);
  const setAuditShare = useLabStore((s) => s.setAuditShare);
  const activeRunId = useTrainingStore((s) => s.activeRunId);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-x-5 gap-y-2">
        <DatasetSelect id="dataset-select" value={datasetId} onChange={setDataset} />
        <div className="pb-1.5">
          <LabelingAs name={name} />
        </div>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 pb-1">
          <Toggle id="reveal" label="Reveal gold after each judgment" checked={reveal} onChange={setReveal} />
          <span className="hidden md:contents">
            <Toggle id="together" label="Scroll both together" checked={together} onChange={setTogether} />
          </span>
          <span className="hidden sm:block">
            <Button onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
              Shortcuts <Kbd>?</Kbd>
            </Button>
          </span>
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">
          Labeling options: next-pair policy, self-audit
        </summary>
        <div className="mt-2 flex flex-wrap items-end gap-6">
          <div className="min-w-0">
            <label htmlFor="policy-select" className="block font-medium">
              Next pair
            </label>
            <select
              id="policy-select"
              value={policy}
              onChange={(e) => setPolicy(e.target.value as PolicyName)}
              className={SELECT}
            >
              {NEXT_PAIR_POLICIES.map((p) => (
                <option key={p.name} value={p.name} disabled={p.needsModel && !activeRunId}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0">
            <label htmlFor="audit-select" className="block font-medium">
              Self-audit
            </label>
            <select
              id="audit-select"
              value={String(auditShare)}
              onChange={(e) => setAuditShare(Number(e.target.value))}
              className={SELECT}
            >
              <option value="0">Off</option>
              <option value="0.1">Re-show 10% of labeled pairs, sides swapped</option>
              <option value="0.2">Re-show 20% of labeled pairs, sides swapped</option>
            </select>
          </div>
          <p className="max-w-md text-xs text-slate-700 dark:text-slate-300">
            Uncertainty and disagreement use the active reward model (from /train). Self-audit silently
            re-shows some of your pairs with the sides swapped; /data reports your self-consistency and
            position bias.
          </p>
        </div>
        <p className="mt-1" aria-live="polite" data-testid="policy-state">
          {policyState}
        </p>
      </details>
    </div>
  );
}
