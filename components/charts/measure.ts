/**
 * Measures chart text in the browser as ECharts does (a 2D canvas's measureText, in the charts' font),
 * so options/responsive.ts counts legend rows exactly; falls back to its estimate without a canvas.
 */
import { FONT_FAMILY } from './options/common';
import { estimateTextWidth, type MeasureText } from './options/responsive';

let context: CanvasRenderingContext2D | null | undefined;

/** The width in px of `text` at `fontSize` px in the charts' font. */
export const measureChartText: MeasureText = (text, fontSize) => {
  if (context === undefined)
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimateTextWidth(text, fontSize);
  context.font = `${fontSize}px ${FONT_FAMILY}`;
  return context.measureText(text).width;
};
