// Fitting a chart option to its drawn width: legend rows counted by hand for known widths, the plot
// moved below the legend, category labels cut on narrow charts, nothing changed on wide ones.
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_LABEL_SHARE,
  NARROW_LEGEND_GAP,
  estimateTextWidth,
  fitOptionToWidth,
  legendNames,
  legendRows,
} from '../../components/charts/options/responsive';
import { buildTrainingCurvesOption } from '../../components/charts/options/trainingCurves';
import { buildFeatureBarsOption } from '../../components/charts/options/featureBars';
import { buildBestOfNOption } from '../../components/charts/options/bestOfN';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ECharts options are loosely typed records
type Any = any;

const EPOCHS = [1, 2, 3].map((e) => ({
  epoch: e,
  loss: 0.7 / e,
  trainAccuracy: 0.6,
  valLoss: 0.6,
  valAccuracy: 0.6,
}));

describe('legend rows', () => {
  it('estimates text at 0.6 em per character', () => {
    expect(estimateTextWidth('abcde', 14)).toBe(42); // 5 × 14 × 0.6
  });

  it('wraps like ECharts: items side by side, a new row when the next does not fit', () => {
    // Each item: 28 symbol + 5 gap + 10 chars × 8.4 = 84 → 117 px; items 20 px apart.
    const names = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'];
    // Room = width − 10. Three in a row need 117·3 + 40 = 391.
    expect(legendRows(names, 401)).toBe(1);
    expect(legendRows(names, 400)).toBe(2);
    // Two in a row need 254; one per row below that.
    expect(legendRows(names, 264)).toBe(2);
    expect(legendRows(names, 263)).toBe(3);
    expect(legendRows([], 300)).toBe(0);
  });

  it('takes the names from the series when the legend lists none', () => {
    const o = buildTrainingCurvesOption(EPOCHS, 'light');
    expect(legendNames(o)).toEqual([
      'Train loss',
      'Validation loss',
      'Train accuracy',
      'Validation accuracy',
    ]);
  });
});

describe('fitOptionToWidth', () => {
  it('leaves a wide chart whose legend fits in one row unchanged', () => {
    const o = buildTrainingCurvesOption(EPOCHS, 'light');
    expect(fitOptionToWidth(o, 1200)).toBe(o);
    expect(fitOptionToWidth(o, 0)).toBe(o);
  });

  it('moves the plot below a legend that wraps, and packs the legend tighter when narrow', () => {
    const o = buildTrainingCurvesOption(EPOCHS, 'light') as Any;
    // Text 7 px per character: items of 33 + 7·chars: 'Train loss' 103, 'Validation loss' 138,
    // 'Train accuracy' 131, 'Validation accuracy' 166. Room 320 with 10 px gaps: 103 + 10 + 138 = 251
    // fits, + 10 + 131 = 392 does not; 131 + 10 + 166 = 307 fits → 2 rows.
    const measure = (t: string) => t.length * 7;
    expect(legendRows(legendNames(o), 330, { itemGap: NARROW_LEGEND_GAP, measure })).toBe(2);
    const f = fitOptionToWidth(o, 330, measure) as Any;
    expect(f.legend.itemGap).toBe(NARROW_LEGEND_GAP);
    // top 0 + 2 rows × 14 + 1 gap × 10 + 42 clearance = 80.
    expect(f.grid.top).toBe(80);
    // With the Node estimate (8.4 px per character) the last two no longer share a row: 3 rows → 104.
    expect((fitOptionToWidth(o, 330) as Any).grid.top).toBe(104);
    expect(o.grid.top).toBe(56); // the input is not changed
  });

  it('cuts category labels to a share of a narrow chart and leaves value axes alone', () => {
    const o = buildFeatureBarsOption(
      [
        { name: 'a very long feature name indeed', value: 1 },
        { name: 'short', value: -1 },
      ],
      'light',
    );
    const f = fitOptionToWidth(o, 300) as Any;
    expect(f.yAxis.axisLabel).toMatchObject({
      width: Math.round(300 * CATEGORY_LABEL_SHARE),
      overflow: 'truncate',
    });
    expect(f.xAxis.axisLabel.width).toBeUndefined();
    expect((fitOptionToWidth(o, 900) as Any).yAxis.axisLabel.width).toBeUndefined();
  });

  it('hides mark-point labels on a narrow chart only, keeping the marker', () => {
    const data = [1, 2, 4].map((n) => ({ n, kl: n / 10, proxy: n, gold: 0.5 / n }));
    const o = buildBestOfNOption(data, 'n', 'light') as Any;
    expect(o.series[1].markPoint.label.show).toBe(true);
    const narrow = fitOptionToWidth(o, 330) as Any;
    expect(narrow.series[1].markPoint.label.show).toBe(false);
    expect(narrow.series[1].markPoint.data).toEqual(o.series[1].markPoint.data);
    expect((fitOptionToWidth(o, 900) as Any).series[1].markPoint.label.show).toBe(true);
  });
});
