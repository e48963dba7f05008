/**
 * The one place the chart components load ECharts: the core plus only the chart types and components
 * they use, drawn with the SVG renderer (crisp on any screen, and `renderToSVGString` gives the SVG
 * download). PNG downloads rasterise that SVG, so the canvas renderer is not bundled.
 */
import { init, use as registerEcharts, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartTheme } from './palette';
import { withExportTitle } from './options/common';

registerEcharts([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** ECharts `init`, with the chart types and renderer above registered. */
export { init };
export type { EChartsCoreOption, EChartsType };

/** Size of downloaded images in CSS px: a 16:9 projector frame unless the chart needs more height. */
export interface ExportSize {
  width: number;
  height: number;
}

/**
 * Renders `option` with the chart's title and subtitle to a standalone SVG document, off screen
 * (server-side-rendering mode: no DOM element, no animation).
 */
export function renderSvg(
  option: EChartsCoreOption,
  theme: ChartTheme,
  title: string,
  subtitle: string | undefined,
  size: ExportSize,
): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(withExportTitle(option, theme, title, subtitle));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises an SVG document to a PNG Blob at `pixelRatio` × its size (browser only). */
export async function svgToPng(svg: string, size: ExportSize, pixelRatio = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart image could not be rendered.'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(size.width * pixelRatio);
    canvas.height = Math.round(size.height * pixelRatio);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas.');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
