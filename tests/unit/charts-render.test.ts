// Every option builder rendered by ECharts itself (server-side SVG, as the PNG/SVG downloads do):
// the options are valid for the registered chart types, the export carries the title and axis names,
// user text is escaped in the SVG, and each chart draws the marks its data calls for.
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../components/charts/echarts';
import { buildTrainingCurvesOption } from '../../components/charts/options/trainingCurves';
import { buildReliabilityOption } from '../../components/charts/options/reliability';
import { buildRewardStripOption } from '../../components/charts/options/rewardStrip';
import { buildBestOfNOption } from '../../components/charts/options/bestOfN';
import { buildFeatureBarsOption } from '../../components/charts/options/featureBars';
import {
  buildMetricVsKnobOption,
  buildPolicyCurvesOption,
} from '../../components/charts/options/metricVsKnob';

const SIZE = { width: 1280, height: 720 };

/** Text content of the SVG's <text> elements (ECharts writes each label as one). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('rendered SVG', () => {
  it('training curves: title, both axis names, legend entries', () => {
    const opt = buildTrainingCurvesOption(
      [1, 2, 3].map((e) => ({
        epoch: e,
        loss: 0.7 / e,
        trainAccuracy: 0.5 + e / 10,
        valAccuracy: 0.5 + e / 20,
      })),
      'light',
    );
    const svg = renderSvg(opt, 'light', 'Training curves', undefined, SIZE);
    expect(svg.startsWith('<svg')).toBe(true);
    const t = texts(svg);
    for (const s of [
      'Training curves',
      'Epoch',
      'Loss (nats per pair)',
      'Accuracy (%)',
      'Train loss',
      'Validation accuracy',
    ])
      expect(t).toContain(s);
    expect(t).toContain('100%');
  });

  it('reliability diagram in dark mode: subtitle and opaque dark background', () => {
    const opt = buildReliabilityOption(
      [{ lo: 0, hi: 1, meanPredicted: 0.6, fractionPositive: 0.5, count: 3 }],
      'dark',
    );
    const svg = renderSvg(opt, 'dark', 'Calibration', 'ECE 0.1', SIZE);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['Calibration', 'ECE 0.1', 'Predicted probability', 'Observed frequency']),
    );
    expect(svg).toMatch(/fill="#020617"|fill="rgb\(2,\s*6,\s*23\)"/i);
  });

  it('reward strip: group names on the axis, user text escaped, one mark per point', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({
      id: `r${i}`,
      reward: i / 4 - 1,
      group: i % 2 ? '<script>alert(1)</script>' : 'correct · hedged',
      highlight: i % 3 === 0,
      label: 'x',
    }));
    const svg = renderSvg(buildRewardStripOption(points, 'light'), 'light', 'Reward', undefined, SIZE);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(texts(svg)).toContain('correct · hedged');
    // Scatter symbols are <path>s: dropping 6 points that are not at the ends of the reward range
    // (so the axes, ticks and rows stay the same) removes exactly 6 paths.
    const before = (svg.match(/<path/g) ?? []).length;
    const kept = points.filter((_, i) => i < 2 || i > 7);
    const fewer = renderSvg(buildRewardStripOption(kept, 'light'), 'light', 'Reward', undefined, SIZE);
    expect(before - (fewer.match(/<path/g) ?? []).length).toBe(6);
  });

  it('best-of-n in both x modes: log axis ticks 1, 2, 4, 8 and the peak label', () => {
    const data = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
      n,
      kl: Math.log(n) - (n - 1) / n,
      proxy: Math.log(n),
      gold: 0.6 - 0.05 * (Math.log2(n) - 1) ** 2,
    }));
    const byN = texts(
      renderSvg(buildBestOfNOption(data, 'n', 'light'), 'light', 'Best of n', undefined, SIZE),
    );
    expect(byN).toEqual(expect.arrayContaining(['1', '2', '4', '8', 'Best of n samples (log scale)']));
    // The peak's label in two lines (clear of the right axis on a narrow chart).
    expect(byN).toContain('Gold peaks: 60.0%');
    expect(byN).toContain('at n = 2');
    const byKl = texts(
      renderSvg(buildBestOfNOption(data, 'kl', 'light'), 'light', 'Best of n', undefined, SIZE),
    );
    expect(byKl).toContain('Exact KL from the base policy (nats)');
  });

  it('feature bars, sweep and policy curves render with their labels', () => {
    const bars = texts(
      renderSvg(
        buildFeatureBarsOption(
          [
            { name: 'hedging', value: -0.5 },
            { name: 'confident', value: 0.8 },
          ],
          'light',
          { valueName: 'Weight' },
        ),
        'light',
        'Features',
        undefined,
        SIZE,
      ),
    );
    expect(bars).toEqual(expect.arrayContaining(['hedging', 'confident', '-0.5', '0.8', 'Weight']));
    const sweep = texts(
      renderSvg(
        buildMetricVsKnobOption({ x: [1, 2], series: [{ name: 'Accuracy', values: [0.5, 0.7] }] }, 'light', {
          xName: 'Rater noise β',
          yName: 'Accuracy (%)',
          percent: true,
        }),
        'light',
        'Sweep',
        undefined,
        SIZE,
      ),
    );
    expect(sweep).toEqual(expect.arrayContaining(['Rater noise β', 'Accuracy (%)', 'Accuracy']));
    const policy = texts(
      renderSvg(
        buildPolicyCurvesOption(
          [
            {
              policy: 'random',
              points: [
                { labels: 10, accuracy: 0.6 },
                { labels: 20, accuracy: 0.7 },
              ],
            },
          ],
          'light',
        ),
        'light',
        'Policies',
        undefined,
        SIZE,
      ),
    );
    expect(policy).toEqual(
      expect.arrayContaining(['Number of labels', 'Held-out accuracy (%)', 'random', 'chance 50%']),
    );
  });
});
