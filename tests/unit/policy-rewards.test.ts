// /label's model policies score every response on the page: in yield.ts slices, with progress, cancellable.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCORE_SLICE, scoreResponses } from '../../components/label/usePolicyRewards';
import type { Response } from '../../lib/core/types';

const responses = (n: number): Response[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    promptId: 'p',
    datasetId: 'd',
    text: 'x'.repeat(i),
    tags: [],
  }));

const scheduler = { yield: vi.fn(() => Promise.resolve()) };

afterEach(() => {
  vi.unstubAllGlobals();
  scheduler.yield.mockClear();
});

describe('scoreResponses', () => {
  it('scores every response, yielding to the event loop (yield.ts) between slices', async () => {
    vi.stubGlobal('scheduler', scheduler);
    const n = 2 * SCORE_SLICE + 50;
    const progress: number[] = [];
    const rewards = await scoreResponses(responses(n), (r) => r.text.length, {
      onProgress: (done) => progress.push(done),
    });
    expect(rewards?.size).toBe(n);
    expect(rewards?.get('r7')).toBe(7);
    expect(progress).toEqual([0, SCORE_SLICE, 2 * SCORE_SLICE]);
    expect(scheduler.yield).toHaveBeenCalledTimes(2);
  });

  it('never yields for a dataset of one slice', async () => {
    vi.stubGlobal('scheduler', scheduler);
    const rewards = await scoreResponses(responses(SCORE_SLICE), () => 1);
    expect(rewards?.size).toBe(SCORE_SLICE);
    expect(scheduler.yield).not.toHaveBeenCalled();
  });

  it('stops scoring once cancelled and returns null', async () => {
    vi.stubGlobal('scheduler', scheduler);
    let cancelled = false;
    let scored = 0;
    const rewards = await scoreResponses(
      responses(3 * SCORE_SLICE),
      () => {
        scored++;
        if (scored === SCORE_SLICE) cancelled = true;
        return 0;
      },
      { cancelled: () => cancelled },
    );
    expect(rewards).toBeNull();
    expect(scored).toBe(SCORE_SLICE);
  });
});
