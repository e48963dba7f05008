// What the labeling-session tests share: a dataset of `prompts` prompts with `k` responses each, in the
// shape the session's `loaded` event takes (prompts and responses by id, and the pool).
import type { PoolPrompt } from '../../lib/core/labeling/next-pair';
import type { Prompt, Response } from '../../lib/core/types';

export function sessionDataset(prompts: number, k: number) {
  const ps: Prompt[] = [];
  const rs: Response[] = [];
  for (let p = 0; p < prompts; p++) {
    ps.push({ id: `p${p}`, datasetId: 'd', text: `Prompt ${p}`, category: 'x' });
    for (let r = 0; r < k; r++)
      rs.push({ id: `p${p}r${r}`, promptId: `p${p}`, datasetId: 'd', text: `R${r}`, tags: [] });
  }
  const pool: PoolPrompt[] = ps.map((p) => ({
    id: p.id,
    responseIds: rs.filter((r) => r.promptId === p.id).map((r) => r.id),
  }));
  return { prompts: new Map(ps.map((p) => [p.id, p])), responses: new Map(rs.map((r) => [r.id, r])), pool };
}
