/**
 * Shared pieces of every chart option: projector-sized text (axis labels ≥ 14 px, titles ≥ 16 px),
 * theme colours, axes, tooltip, legend, the export title, number formatting and HTML escaping for
 * tooltips. Pure functions over plain data (no ECharts runtime), so they are unit-tested in Node.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { themeColors, type ChartTheme } from '../palette';

/** Font sizes in CSS pixels, chosen to stay legible on a 1280×720 projector. */
export const FONT = {
  axisLabel: 14,
  axisName: 15,
  legend: 14,
  tooltip: 14,
  title: 18,
  subtitle: 15,
} as const;

/** The system font stack (no web fonts: the lab is offline), also used in downloaded SVG/PNG. */
export const FONT_FAMILY =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/** Escapes text for the HTML tooltips ECharts renders (user data must never become markup). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/** A number for labels and tooltips: up to `digits` significant digits, "–" for null or NaN. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(Math.max(0, digits - 1));
  return String(Number(value.toPrecision(digits)));
}

/** A fraction (0..1) as a percentage with `decimals` decimals, "–" for null. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(decimals)}%`;
}

/** Options for one axis built by {@link axis}. */
export interface AxisSpec {
  /** Axis title including its unit, e.g. "KL from the base policy (nats)". */
  name: string;
  type?: 'value' | 'log' | 'category';
  min?: number | 'dataMin';
  max?: number | 'dataMax';
  /** Axis label formatter, e.g. percent. */
  formatter?: (value: number) => string;
  /** Category names for a category axis. */
  data?: string[];
  /** Where the name sits: 'middle' (beside the axis) or 'end'. */
  nameLocation?: 'middle' | 'end';
  /** Distance of a middle-placed name from the axis line, in px. */
  nameGap?: number;
  position?: 'left' | 'right' | 'top' | 'bottom';
  /** Draw grid lines for this axis (default true). */
  splitLine?: boolean;
  inverse?: boolean;
  logBase?: number;
  interval?: number;
  /** Extend the axis range to include zero (value axes; default false, i.e. `scale: true`). */
  includeZero?: boolean;
}

/** An x or y axis with the theme's colours and projector-sized text. */
export function axis(spec: AxisSpec, theme: ChartTheme): Record<string, unknown> {
  const c = themeColors(theme);
  const type = spec.type ?? 'value';
  const out: Record<string, unknown> = {
    type,
    name: spec.name,
    nameLocation: spec.nameLocation ?? 'middle',
    nameGap: spec.nameGap ?? 36,
    nameTextStyle: { fontSize: FONT.axisName, color: c.text, fontWeight: 600 },
    axisLabel: {
      fontSize: FONT.axisLabel,
      color: c.subtext,
      // Ticks that would collide on a narrow chart are left out rather than printed over each other.
      hideOverlap: true,
      ...(spec.formatter ? { formatter: spec.formatter } : {}),
    },
    axisLine: { show: true, onZero: false, lineStyle: { color: c.axisLine } },
    axisTick: { show: true, lineStyle: { color: c.axisLine } },
    splitLine: { show: spec.splitLine ?? type !== 'category', lineStyle: { color: c.splitLine } },
  };
  if (type === 'value') out.scale = !spec.includeZero;
  if (spec.data) out.data = spec.data;
  if (spec.min !== undefined) out.min = spec.min;
  if (spec.max !== undefined) out.max = spec.max;
  if (spec.position) out.position = spec.position;
  if (spec.inverse) out.inverse = true;
  if (spec.logBase) out.logBase = spec.logBase;
  if (spec.interval !== undefined) out.interval = spec.interval;
  return out;
}

/** The option keys every chart shares: palette, text style, no background, tooltip and legend look. */
export function baseOption(
  theme: ChartTheme,
  opts: { legend?: boolean; animation?: boolean } = {},
): EChartsCoreOption {
  const c = themeColors(theme);
  return {
    color: c.series,
    backgroundColor: 'transparent',
    animation: opts.animation ?? true,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT.axisLabel, color: c.text },
    tooltip: {
      confine: true,
      backgroundColor: c.tooltipBackground,
      borderColor: c.tooltipBorder,
      textStyle: { fontSize: FONT.tooltip, color: c.text, fontFamily: FONT_FAMILY },
      extraCssText: 'max-width: 420px; white-space: normal;',
    },
    ...(opts.legend === false
      ? {}
      : {
          legend: {
            top: 0,
            left: 'center',
            itemWidth: 28,
            itemHeight: 14,
            itemGap: 20,
            textStyle: { fontSize: FONT.legend, color: c.text },
            inactiveColor: c.splitLine,
          },
        }),
  };
}

/** A plot area whose outer bounds contain the axis labels and names (ECharts 6 `outerBounds`). */
export function grid(
  opts: { top?: number; bottom?: number; left?: number; right?: number } = {},
): Record<string, unknown> {
  return {
    top: opts.top ?? 56,
    bottom: opts.bottom ?? 12,
    left: opts.left ?? 12,
    right: opts.right ?? 16,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

/** Extra height the export title takes, in px. */
export const EXPORT_TITLE_HEIGHT = 64;

/**
 * The option as it is downloaded (PNG/SVG): the page heading and subtitle drawn into the image, the
 * plot area moved down to make room, an opaque background, no animation, and no tooltip.
 */
export function withExportTitle(
  option: EChartsCoreOption,
  theme: ChartTheme,
  title: string,
  subtitle?: string,
): EChartsCoreOption {
  const c = themeColors(theme);
  const shift = (box: unknown): unknown => {
    if (!box || typeof box !== 'object') return box;
    const b = box as Record<string, unknown>;
    return { ...b, top: (typeof b.top === 'number' ? b.top : 0) + EXPORT_TITLE_HEIGHT };
  };
  const grids = option.grid;
  const legend = option.legend;
  return {
    ...option,
    animation: false,
    backgroundColor: c.background,
    tooltip: { show: false },
    title: {
      text: title,
      subtext: subtitle ?? '',
      left: 12,
      top: 8,
      textStyle: { fontSize: FONT.title, fontWeight: 700, color: c.text, fontFamily: FONT_FAMILY },
      subtextStyle: { fontSize: FONT.subtitle, color: c.subtext, fontFamily: FONT_FAMILY },
    },
    grid: Array.isArray(grids) ? grids.map(shift) : shift(grids),
    legend: Array.isArray(legend) ? legend.map(shift) : shift(legend),
  };
}
