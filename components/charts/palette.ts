/**
 * The lab's chart colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which
 * stays distinguishable under the common forms of colour-vision deficiency, plus the neutral colours
 * (text, grid lines, backgrounds) of the light and dark chart themes.
 */

/** The eight Okabe–Ito colours, by their published names and hex values. */
export const PALETTE = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** A chart theme: follows the user's `prefers-color-scheme`. */
export type ChartTheme = 'light' | 'dark';

/** Colours that are not data: text, axes, grid lines, backgrounds. */
export interface ThemeColors {
  /** Page-matching background (used for downloads; the live chart is transparent). */
  background: string;
  text: string;
  subtext: string;
  axisLine: string;
  splitLine: string;
  tooltipBackground: string;
  tooltipBorder: string;
  /** Reference lines (perfect calibration, zero, chance). */
  reference: string;
  /** Series colours in order of use. */
  series: string[];
}

/**
 * Series colours in order of use. Blue and vermillion first (the pair most robust to every kind of
 * colour blindness), yellow last (low contrast on white). In dark mode sky blue takes blue's place
 * (blue is dim on a near-black background) and black becomes near-white.
 */
function seriesColours(theme: ChartTheme): string[] {
  return [
    theme === 'dark' ? PALETTE.skyBlue : PALETTE.blue,
    PALETTE.vermillion,
    PALETTE.bluishGreen,
    PALETTE.orange,
    PALETTE.reddishPurple,
    theme === 'dark' ? PALETTE.blue : PALETTE.skyBlue,
    theme === 'dark' ? '#E5E7EB' : PALETTE.black,
    PALETTE.yellow,
  ];
}

/** The neutral and series colours of a theme (backgrounds match the app's slate page colours). */
export function themeColors(theme: ChartTheme): ThemeColors {
  if (theme === 'dark') {
    return {
      background: '#020617',
      text: '#F1F5F9',
      subtext: '#CBD5E1',
      axisLine: '#94A3B8',
      splitLine: '#334155',
      tooltipBackground: '#0F172A',
      tooltipBorder: '#64748B',
      reference: '#CBD5E1',
      series: seriesColours(theme),
    };
  }
  return {
    background: '#FFFFFF',
    text: '#0F172A',
    subtext: '#334155',
    axisLine: '#475569',
    splitLine: '#E2E8F0',
    tooltipBackground: '#FFFFFF',
    tooltipBorder: '#94A3B8',
    reference: '#475569',
    series: seriesColours(theme),
  };
}
