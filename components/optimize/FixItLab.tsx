'use client';
/**
 * /optimize's fix-it lab choices: which mitigations run beside the plain run, and, when the conservative
 * ensemble is among them, its members, combination and k (ranges and labels from the optimiser's settings
 * table; the default is ENSEMBLE_ON).
 */
import {
  MITIGATIONS,
  type EnsembleChoice,
  type MitigationId,
} from '@/lib/core/goodhart/optimize/mitigations';
import { OPTIMIZER_SETTINGS as OPT } from '@/lib/core/goodhart/optimize/settings';
import { SELECT_CLASS } from '@/components/ui/DatasetSelect';
import { EnsembleCombineField } from './EnsembleCombineField';
import { RangeField } from './RangeField';

/** The lab's ensemble: at least 2 members (the table's 1 means no ensemble). */
const LAB_MEMBERS = { ...OPT.ensembleMembers, min: 2 };

export function FixItLab({
  chosen,
  onChosen,
  ensemble,
  onEnsemble,
  disabled,
}: {
  chosen: MitigationId[];
  onChosen: (c: MitigationId[]) => void;
  ensemble: EnsembleChoice;
  onEnsemble: (e: EnsembleChoice) => void;
  disabled: boolean;
}) {
  const set = (patch: Partial<EnsembleChoice>) => onEnsemble({ ...ensemble, ...patch });
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Fix-it lab: run these mitigations beside the plain run</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {MITIGATIONS.filter((m) => m.id !== 'none').map((m) => (
          <label key={m.id} className="flex items-center gap-2 text-sm" title={m.cost}>
            <input
              type="checkbox"
              checked={chosen.includes(m.id)}
              disabled={disabled}
              onChange={(e) =>
                onChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((x) => x !== m.id))
              }
            />
            {m.name}
          </label>
        ))}
      </div>
      {chosen.includes('ensemble') && (
        <div className="flex flex-wrap items-end gap-4" data-testid="ensemble-settings">
          <RangeField
            id="opt-ens-members"
            range={LAB_MEMBERS}
            value={ensemble.members}
            onChange={(v) => set({ members: Math.round(v) })}
            disabled={disabled}
          />
          <EnsembleCombineField
            id="opt-ens-combine"
            value={ensemble.combine}
            disabled={disabled}
            onChange={(combine) => set({ combine })}
            className={SELECT_CLASS}
          />
          {ensemble.combine === 'mean-sd' && (
            <RangeField
              id="opt-ens-k"
              range={OPT.ensembleK}
              value={ensemble.k}
              onChange={(k) => set({ k })}
              disabled={disabled}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
