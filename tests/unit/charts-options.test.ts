// Option builders of the lab's charts: series, axes and data as the pages will hand them to ECharts,
// checked against hand-computed values (KL of best-of-n, percent scaling, sort orders, jitter bounds,
// marker sizes) and the published Okabe–Ito colours and WCAG contrast formula.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PALETTE, themeColors } from '../../components/charts/palette';
import {
  EXPORT_TITLE_HEIGHT,
  FONT,
  axis,
  escapeHtml,
  formatNumber,
  formatPercent,
  withExportTitle,
} from '../../components/charts/options/common';
import { buildTrainingCurvesOption } from '../../components/charts/options/trainingCurves';
import {
  binSymbolSize,
  buildReliabilityOption,
  reliabilitySubtitle,
} from '../../components/charts/options/reliability';
import {
  JITTER,
  buildRewardStripOption,
  jitterFor,
  stripTooltip,
  type StripPoint,
} from '../../components/charts/options/rewardStrip';
import {
  buildBestOfNOption,
  goldPeak,
  nTicks,
  type BestOfNDatum,
} from '../../components/charts/options/bestOfN';
import { buildFeatureBarsOption, sortBars } from '../../components/charts/options/featureBars';
import {
  buildMetricVsKnobOption,
  buildPolicyCurvesOption,
} from '../../components/charts/options/metricVsKnob';
import { bestOfN } from '../../lib/core/goodhart/metrics';

/* eslint-disable @typescript-eslint/no-explicit-any -- ECharts options are loosely typed records */
type Any = any;
const series = (o: Any): Any[] => o.series;

describe('palette', () => {
  it('holds the published Okabe–Ito colours (RGB values from Okabe & Ito 2008)', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    expect(rgb(PALETTE.orange)).toEqual([230, 159, 0]);
    expect(rgb(PALETTE.skyBlue)).toEqual([86, 180, 233]);
    expect(rgb(PALETTE.bluishGreen)).toEqual([0, 158, 115]);
    expect(rgb(PALETTE.yellow)).toEqual([240, 228, 66]);
    expect(rgb(PALETTE.blue)).toEqual([0, 114, 178]);
    expect(rgb(PALETTE.vermillion)).toEqual([213, 94, 0]);
    expect(rgb(PALETTE.reddishPurple)).toEqual([204, 121, 167]);
    expect(rgb(PALETTE.black)).toEqual([0, 0, 0]);
  });

  // WCAG 2.x relative luminance and contrast ratio.
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };

  it('has WCAG contrast helpers that reproduce known ratios', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });

  it('gives the first three series colours ≥ 3:1 contrast with the background in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const c = themeColors(theme);
      for (const colour of c.series.slice(0, 3))
        expect(contrast(colour, c.background)).toBeGreaterThanOrEqual(3);
      expect(contrast(c.text, c.background)).toBeGreaterThanOrEqual(7);
      expect(contrast(c.subtext, c.background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('never uses black as a series colour on the dark background', () => {
    expect(themeColors('dark').series).not.toContain(PALETTE.black);
  });
});

describe('common', () => {
  it('escapes HTML for tooltips', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
  });

  it('formats numbers and percents', () => {
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(1234.5, 4)).toBe('1235');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(2e-5)).toBe('2.00e-5');
    expect(formatPercent(0.4567)).toBe('45.7%');
    expect(formatPercent(NaN)).toBe('–');
  });

  it('sizes axis text for a projector', () => {
    const a = axis({ name: 'Epoch' }, 'light') as Any;
    expect(a.axisLabel.fontSize).toBeGreaterThanOrEqual(14);
    expect(a.nameTextStyle.fontSize).toBeGreaterThanOrEqual(14);
    expect(FONT.title).toBeGreaterThanOrEqual(16);
  });

  it('adds the title to exports and moves the plot and legend down by the title height', () => {
    const o = withExportTitle(
      { grid: { top: 56, left: 12 }, legend: { top: 0 }, series: [] },
      'dark',
      'T',
      'S',
    ) as Any;
    expect(o.title.text).toBe('T');
    expect(o.title.subtext).toBe('S');
    expect(o.title.textStyle.fontSize).toBeGreaterThanOrEqual(16);
    expect(o.grid).toEqual({ top: 56 + EXPORT_TITLE_HEIGHT, left: 12 });
    expect(o.legend.top).toBe(EXPORT_TITLE_HEIGHT);
    expect(o.backgroundColor).toBe(themeColors('dark').background);
    expect(o.animation).toBe(false);
  });
});

describe('training curves', () => {
  const pts = [
    { epoch: 1, loss: 0.69, trainAccuracy: 0.5 },
    { epoch: 2, loss: 0.6, trainAccuracy: 0.625 },
  ];

  it('plots loss on the left axis and accuracy in percent on the right', () => {
    const o = buildTrainingCurvesOption(pts, 'light') as Any;
    expect(series(o).map((s) => s.id)).toEqual(['loss', 'trainAccuracy']);
    expect(series(o)[0].yAxisIndex).toBe(0);
    expect(series(o)[0].data).toEqual([
      [1, 0.69],
      [2, 0.6],
    ]);
    expect(series(o)[1].yAxisIndex).toBe(1);
    expect(series(o)[1].data).toEqual([
      [1, 50],
      [2, 62.5],
    ]);
    expect(o.yAxis[0].name).toMatch(/loss/i);
    expect(o.yAxis[1]).toMatchObject({ name: 'Accuracy (%)', min: 0, max: 100, position: 'right' });
    expect(o.xAxis.name).toBe('Epoch');
    expect(o.animation).toBe(false);
  });

  it('adds dashed validation series once any epoch has them, with gaps where missing', () => {
    const o = buildTrainingCurvesOption(
      [{ ...pts[0] }, { ...pts[1], valLoss: 0.65, valAccuracy: 0.55 }],
      'light',
    ) as Any;
    expect(series(o).map((s) => s.id)).toEqual(['loss', 'valLoss', 'trainAccuracy', 'valAccuracy']);
    const val = series(o)[3];
    expect(val.lineStyle.type).toBe('dashed');
    expect(val.data).toEqual([
      [1, null],
      [2, 55.00000000000001],
    ]);
  });
});

describe('reliability diagram', () => {
  const bins = [
    { lo: 0, hi: 0.5, meanPredicted: 0.3, fractionPositive: 0.25, count: 4 },
    { lo: 0.5, hi: 1, meanPredicted: null, fractionPositive: null, count: 0 },
    { lo: 0.5, hi: 1, meanPredicted: 0.8, fractionPositive: 0.9, count: 16 },
  ];

  it('scales marker area with the count: sqrt(4/16) = 0.5 of the way from 8 to 28 px', () => {
    expect(binSymbolSize(16, 16)).toBe(28);
    expect(binSymbolSize(4, 16)).toBe(18);
    expect(binSymbolSize(0, 16)).toBe(8);
  });

  it('draws the diagonal and the non-empty bins', () => {
    const o = buildReliabilityOption(bins, 'light') as Any;
    expect(series(o)[0].data).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(series(o)[1].data.map((d: Any) => d.value)).toEqual([
      [0.3, 0.25],
      [0.8, 0.9],
    ]);
    // Drawn from −0.05 to 1.05 (room for the circles), labelled at 0, 0.2, …, 1.
    expect(o.xAxis).toMatchObject({ name: 'Predicted probability', min: -0.05, max: 1.05 });
    expect(o.yAxis).toMatchObject({ name: 'Observed frequency', min: -0.05, max: 1.05 });
    expect(o.xAxis.axisLabel.customValues).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(o.yAxis.axisTick.customValues).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('puts the ECE and the number of predictions in the subtitle', () => {
    expect(reliabilitySubtitle(bins, 0.0625)).toBe(
      'Expected calibration error (ECE) 0.0625 · 20 predictions',
    );
  });
});

describe('reward strip', () => {
  const points: StripPoint[] = [
    { id: 'a', reward: 1.5, group: 'wrong · fluent', highlight: true, label: 'A <b>' },
    { id: 'b', reward: -0.5, group: 'correct · hedged', label: 'B' },
    { id: 'c', reward: 0.25, group: 'correct · fluent', label: 'C' },
  ];
  const groups = ['correct · fluent', 'correct · hedged', 'wrong · fluent', 'wrong · hedged'];

  it('keeps the jitter deterministic and inside its band', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const j = jitterFor(id);
        expect(j).toBe(jitterFor(id));
        expect(j).toBeGreaterThanOrEqual(-JITTER);
        expect(j).toBeLessThan(JITTER);
      }),
    );
  });

  it('puts each point in its group row, highlighted ones in a separate diamond series', () => {
    const o = buildRewardStripOption(points, 'light', { groups }) as Any;
    expect(o.yAxis[0].data).toEqual(groups);
    const [normal, hi] = series(o);
    expect(normal.data.map((d: Any) => d.id)).toEqual(['b', 'c']);
    expect(hi.data.map((d: Any) => d.id)).toEqual(['a']);
    expect(hi.symbol).toBe('diamond');
    expect(normal.symbol).toBe('circle');
    expect(hi.color).not.toBe(normal.color);
    const rowOf = (d: Any) => Math.round(d.value[1]) || 0; // -0 → 0
    expect(normal.data.map(rowOf)).toEqual([1, 0]);
    expect(hi.data.map(rowOf)).toEqual([2]);
    expect(normal.data[0].value[0]).toBe(-0.5);
    expect(normal.yAxisIndex).toBe(1);
    expect(o.yAxis[1]).toMatchObject({ min: -0.5, max: 3.5, inverse: true });
  });

  it('appends groups not in the given order and omits the highlight series when nothing is highlighted', () => {
    const o = buildRewardStripOption([points[1], points[2]], 'dark', { groups: ['correct · fluent'] }) as Any;
    expect(o.yAxis[0].data).toEqual(['correct · fluent', 'correct · hedged']);
    expect(series(o)).toHaveLength(1);
  });

  it('escapes the hover text', () => {
    expect(stripTooltip(points[0])).toContain('A &lt;b&gt;');
    expect(stripTooltip(points[0])).toContain('1.5');
  });
});

describe('best-of-n', () => {
  // One prompt's pool, scored exactly by lib/core's bestOfN (checked there against enumeration).
  const data: BestOfNDatum[] = bestOfN(
    [
      { promptId: 'p', responseId: 'r2', reward: 2, correct: false },
      { promptId: 'p', responseId: 'r1', reward: 1, correct: true },
      { promptId: 'p', responseId: 'r0', reward: 0, correct: true },
    ],
    4,
  );

  it('uses log₂ n or the exact KL of best-of-n on the x axis', () => {
    const byN = buildBestOfNOption(data, 'n', 'light') as Any;
    // From 2^−0.25 to 4 · 2^0.25, so the end markers clear the y axes; labelled at 1, 2, 4.
    expect(byN.xAxis).toMatchObject({ type: 'log', logBase: 2, min: 2 ** -0.25, max: 4 * 2 ** 0.25 });
    expect(byN.xAxis.axisLabel.customValues).toEqual([1, 2, 4]);
    expect(nTicks(16)).toEqual([1, 2, 4, 8, 16]);
    expect(nTicks(20)).toEqual([1, 2, 4, 8, 16, 20]);
    expect(series(byN)[0].data.map((d: number[]) => d[0])).toEqual([1, 2, 3, 4]);
    const byKl = buildBestOfNOption(data, 'kl', 'light') as Any;
    expect(byKl.xAxis.type).toBe('value');
    expect(byKl.xAxis.name).toBe('Exact KL from the base policy (nats)');
    const kls = series(byKl)[0].data.map((d: number[]) => d[0]);
    // Σ p ln(3p) by hand for the pool of three at n = 2, 3, 4 (p = 5/9, 3/9, 1/9; 19/27, 7/27, 1/27;
    // 65/81, 15/81, 1/81).
    expect(kls[0]).toBe(0);
    expect(kls[1]).toBeCloseTo(0.161724, 5);
    expect(kls[2]).toBeCloseTo(0.379282, 5);
    expect(kls[3]).toBeCloseTo(0.555471, 5);
  });

  it('plots gold in percent on the right axis and marks its peak', () => {
    // P(pick the reward-2 wrong answer) = 1 − (2/3)^n, so gold = (2/3)^n: 66.7 %, 44.4 %, 29.6 %, 19.8 %.
    const o = buildBestOfNOption(data, 'n', 'light') as Any;
    const gold = series(o)[1];
    expect(gold.yAxisIndex).toBe(1);
    const golds = gold.data.map((d: number[]) => d[1]);
    [2 / 3, 4 / 9, 8 / 27, 16 / 81].forEach((g, i) => expect(golds[i]).toBeCloseTo(g * 100, 9));
    expect(series(o)[0].data[0][1]).toBeCloseTo(1, 9); // E[reward] of one draw = (2+1+0)/3
    expect(goldPeak(data)!.n).toBe(1);
    expect(gold.markPoint.data[0].coord[0]).toBe(1);
    expect(gold.markPoint.data[0].coord[1]).toBeCloseTo(66.667, 3);
    expect(gold.markLine.data[0].xAxis).toBe(1);
    expect(o.yAxis[1].name).toBe('Expected gold correctness (%)');
    expect(o.yAxis[0].name).toBe('Expected proxy reward');
  });

  it('shows only the proxy curve without gold labels', () => {
    const o = buildBestOfNOption([{ n: 1, kl: 0, proxy: 0.5, gold: null }], 'n', 'light') as Any;
    expect(series(o).map((s) => s.id)).toEqual(['proxy']);
    expect(goldPeak([{ n: 1, kl: 0, proxy: 0.5, gold: null }])).toBeNull();
  });
});

describe('feature bars', () => {
  const bars = [
    { name: 'hedging', value: -0.55 },
    { name: 'confident', value: 0.82 },
    { name: 'broken', value: NaN },
    { name: 'length', value: 0.45 },
  ];

  it('sorts from largest to smallest and drops non-finite values', () => {
    expect(sortBars(bars).map((b) => b.name)).toEqual(['confident', 'length', 'hedging']);
  });

  it('colours and hatches negative bars differently from positive ones', () => {
    const o = buildFeatureBarsOption(bars, 'light', { valueName: 'Weight' }) as Any;
    expect(o.yAxis.data).toEqual(['confident', 'length', 'hedging']);
    expect(o.yAxis.inverse).toBe(true);
    const d = series(o)[0].data;
    expect(d.map((x: Any) => x.value)).toEqual([0.82, 0.45, -0.55]);
    expect(d[0].itemStyle.color).not.toBe(d[2].itemStyle.color);
    expect(d[0].itemStyle.decal).toBeUndefined();
    expect(d[2].itemStyle.decal).toBeDefined();
    // Every value label on the right of its bar's box: a negative bar's beside the zero line, never
    // over the feature names on the left.
    expect(series(o)[0].label.position).toBe('right');
    expect(d[2].label).toBeUndefined();
    expect(o.xAxis.name).toBe('Weight');
  });
});

describe('sweeps and policy curves', () => {
  it('plots each metric against the knob, scaled to percent, with gaps for missing runs', () => {
    const o = buildMetricVsKnobOption(
      {
        x: [0.5, 1, 2],
        series: [
          { name: 'Accuracy', values: [0.6, null, 0.8] },
          { name: 'WPR', values: [0.3, 0.4, 0.5] },
        ],
      },
      'light',
      { xName: 'Rater noise β', yName: 'Rate (%)', percent: true },
    ) as Any;
    expect(o.xAxis.name).toBe('Rater noise β');
    expect(series(o).map((s) => s.name)).toEqual(['Accuracy', 'WPR']);
    expect(series(o)[0].data).toEqual([
      [0.5, 60],
      [1, null],
      [2, 80],
    ]);
    expect(series(o)[0].symbol).not.toBe(series(o)[1].symbol);
    expect(series(o)[0].lineStyle.type).not.toBe(series(o)[1].lineStyle.type);
  });

  it('sorts policy points by labels and starts the axis at a multiple of 10 % below chance and data', () => {
    const o = buildPolicyCurvesOption(
      [
        {
          policy: 'random',
          points: [
            { labels: 40, accuracy: 0.7 },
            { labels: 10, accuracy: 0.43 },
          ],
        },
        { policy: 'uncertainty', points: [{ labels: 10, accuracy: 0.6 }] },
      ],
      'light',
    ) as Any;
    expect(series(o)[0].data).toEqual([
      [10, 43],
      [40, 70],
    ]);
    expect(o.yAxis.min).toBe(40);
    expect(o.yAxis.max).toBe(100);
    expect(series(o)[0].markLine.data[0].yAxis).toBe(50);
    const noChance = buildPolicyCurvesOption(
      [{ policy: 'p', points: [{ labels: 5, accuracy: 0.72 }] }],
      'light',
      { chance: null },
    ) as Any;
    expect(noChance.yAxis.min).toBe(70);
    expect(series(noChance)[0].markLine).toBeUndefined();
  });
});
