'use client';
/**
 * The generic chart: a visible heading, an ECharts SVG chart that follows the system colour scheme and
 * the container's size, a screen-reader table of the data, and PNG / SVG / CSV download buttons. Every
 * chart in the lab is this component with a different option.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '../ui/Button';
import { downloadBlob, downloadCsv, safeFileName, toCsv, type CsvRow } from './download';
import {
  init,
  renderSvg,
  svgToPng,
  type EChartsCoreOption,
  type EChartsType,
  type ExportSize,
} from './echarts';
import { measureChartText } from './measure';
import { fitOptionToWidth, legendNames } from './options/responsive';
import { useColorScheme } from './useColorScheme';

/** The measured width is rounded to this many px, so a resize re-fits the option only now and then. */
const WIDTH_STEP = 8;

/** Rows beyond this are left out of the screen-reader table (the CSV has them all). */
const MAX_TABLE_ROWS = 300;

/** Props of {@link Chart}. */
export interface ChartProps {
  /** The ECharts option, built for the current theme (see components/charts/options). */
  option: EChartsCoreOption;
  /** Visible heading, also drawn into downloaded images and used in button names. */
  title: string;
  /** One or two sentences saying what the chart shows (the chart's accessible name). */
  description: string;
  /** Visible line under the heading, e.g. "ECE 0.04"; also drawn into downloads. */
  subtitle?: string;
  /** The plotted data, one object per row: the screen-reader table and (by default) the CSV. */
  rows: readonly CsvRow[];
  /** CSV text for the CSV button; defaults to `toCsv(rows)`. */
  csv?: () => string;
  /** Download file name without extension. */
  fileName: string;
  /** Chart height in px (default 400). */
  height?: number;
  /** Height of downloaded images in px (default max(720, height)); width is 1280. */
  exportHeight?: number;
  /** Live data: merge updates into the existing chart (series by id) instead of replacing the option. */
  live?: boolean;
  /** Shown in place of the chart when `rows` is empty. */
  emptyMessage?: string;
  /** Extra controls beside the download buttons (e.g. an axis toggle). */
  controls?: ReactNode;
  /** Called with the clicked data item (the object in the series' `data`). */
  onItemClick?: (item: unknown) => void;
  /** Heading level (default 3). */
  headingLevel?: 2 | 3 | 4;
}

/** A table cell's text: empty for missing values, numbers to 4 significant digits. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '';
  return String(value);
}

/** The top of the option's (single) plot area in px, if it is a number. */
function plotTop(option: EChartsCoreOption | null): number | undefined {
  const grid = option?.grid as { top?: unknown } | undefined;
  return grid && typeof grid.top === 'number' ? grid.top : undefined;
}

/** A titled, accessible, downloadable ECharts chart (client only). */
export function Chart({
  option,
  title,
  description,
  subtitle,
  rows,
  csv,
  fileName,
  height = 400,
  exportHeight,
  live = false,
  emptyMessage = 'No data yet.',
  controls,
  onItemClick,
  headingLevel = 3,
}: ChartProps) {
  const theme = useColorScheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const appliedTheme = useRef<string | null>(null);
  const clickRef = useRef(onItemClick);
  const [status, setStatus] = useState('');
  // The chart box's width, once measured: the option is fitted to it (legend rows, category labels).
  const [width, setWidth] = useState(0);
  const descId = useId();
  const Heading = `h${headingLevel}` as const;
  const empty = rows.length === 0;

  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  // Create the chart once per mount; resize with the container; dispose on unmount.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = init(host, null, { renderer: 'svg' });
    chartRef.current = chart;
    appliedTheme.current = null;
    chart.on('click', (params) => clickRef.current?.((params as { data?: unknown }).data));
    const observer = new ResizeObserver(() => {
      chart.resize();
      setWidth(Math.round(host.clientWidth / WIDTH_STEP) * WIDTH_STEP);
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  // The option fitted to the box; nothing until the box is measured, so the chart is drawn once.
  const fitted = useMemo(
    () => (width > 0 ? fitOptionToWidth(option, width, measureChartText) : null),
    [option, width],
  );

  // Apply it: live charts merge (no re-init, series matched by id); others replace it.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !fitted) return;
    const themeChanged = appliedTheme.current !== theme;
    if (live && !themeChanged) chart.setOption(fitted, { replaceMerge: ['series'], lazyUpdate: true });
    else chart.setOption(fitted, { notMerge: true });
    appliedTheme.current = theme;
  }, [fitted, theme, live]);

  const size = (): ExportSize => ({ width: 1280, height: exportHeight ?? Math.max(720, height) });
  const name = safeFileName(fileName);

  async function download(kind: 'png' | 'svg' | 'csv') {
    try {
      setStatus('');
      if (kind === 'csv') {
        downloadCsv(name, csv ? csv() : toCsv(rows));
        return;
      }
      const svg = renderSvg(
        fitOptionToWidth(option, size().width, measureChartText),
        theme,
        title,
        subtitle,
        size(),
      );
      if (kind === 'svg')
        downloadBlob(`${name}.svg`, new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
      else downloadBlob(`${name}.png`, await svgToPng(svg, size(), 2));
    } catch (err) {
      setStatus(`Download failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const columns = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  return (
    <figure className="m-0 flex flex-col gap-2 rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Heading className="text-lg font-semibold">{title}</Heading>
          {subtitle ? <p className="text-base text-slate-700 dark:text-slate-300">{subtitle}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {controls}
          <div className="flex gap-1" role="group" aria-label={`Download ${title}`}>
            {(['png', 'svg', 'csv'] as const).map((kind) => (
              <Button
                key={kind}
                onClick={() => void download(kind)}
                disabled={kind !== 'csv' && empty}
                aria-label={`Download ${title} as ${kind.toUpperCase()}`}
                title={`Download ${kind === 'csv' ? 'the data' : 'the chart'} as ${kind.toUpperCase()}`}
              >
                {kind.toUpperCase()}
              </Button>
            ))}
          </div>
        </div>
      </div>
      <p id={descId} className="sr-only">
        {description}
      </p>
      <div className="relative w-full" style={{ height }}>
        {/* data-plot-top and data-legend let tests/e2e/layout.spec.ts check the legend clears the plot. */}
        <div
          ref={hostRef}
          role="img"
          aria-label={`${title}. ${description}`}
          className="absolute inset-0"
          data-plot-top={plotTop(fitted)}
          data-legend={fitted && fitted.legend ? JSON.stringify(legendNames(fitted)) : undefined}
        />
        {empty ? (
          <p className="absolute inset-0 flex items-center justify-center text-base text-slate-600 dark:text-slate-400">
            {emptyMessage}
          </p>
        ) : null}
      </div>
      {status ? (
        <p role="status" className="text-sm text-red-700 dark:text-red-400">
          {status}
        </p>
      ) : null}
      {/* A table ignores width:1px, so the wrapper is what is visually hidden. */}
      <div className="sr-only">
        <table aria-describedby={descId}>
          <caption>
            {title}: data
            {rows.length > MAX_TABLE_ROWS ? ` (first ${MAX_TABLE_ROWS} of ${rows.length} rows)` : ''}
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_TABLE_ROWS).map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{cellText(r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
