/**
 * Every page in the navigation, in order (the NavBar draws them; the home page's step cards take their
 * titles from the numbered ones). A plain module, not 'use client', so server components can read it.
 */
export const NAV_LINKS = [
  { href: '/label', label: '1 · Label' },
  { href: '/train', label: '2 · Train' },
  { href: '/inspect', label: '3 · Inspect' },
  { href: '/optimize', label: '4 · Optimise' },
  { href: '/playground', label: 'Playground' },
  { href: '/data', label: 'Data' },
] as const;

export type NavHref = (typeof NAV_LINKS)[number]['href'];

/** The navigation's label for `href`. */
export function navLabel(href: NavHref): string {
  return NAV_LINKS.find((l) => l.href === href)!.label;
}
