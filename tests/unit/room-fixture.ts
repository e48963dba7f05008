// What the room tests share: a label record as a participant's page writes it into their document.
import type { Comparison } from '../../lib/core/types';

/** A valid label on the demo dataset by participant `p1` (override any field). */
export function label(id: string, over: Partial<Comparison> = {}): Comparison {
  return {
    id,
    datasetId: 'demo',
    promptId: 'demo-a-01',
    aId: 'demo-a-01-cf',
    bId: 'demo-a-01-ch',
    outcome: 'a',
    strength: 2,
    annotatorId: 'p1',
    createdAt: 1,
    durationMs: 5,
    ...over,
  };
}
