/**
 * React hook: the user's colour scheme from `prefers-color-scheme`, updated live when it changes (the
 * charts re-theme). Renders 'light' on the server and during hydration of the static export.
 */
import { useSyncExternalStore } from 'react';
import type { ChartTheme } from './palette';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const mql = window.matchMedia(QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

function snapshot(): ChartTheme {
  return typeof window !== 'undefined' && window.matchMedia?.(QUERY).matches ? 'dark' : 'light';
}

/** 'dark' when the system asks for a dark colour scheme, else 'light'; re-renders on change. */
export function useColorScheme(): ChartTheme {
  return useSyncExternalStore(subscribe, snapshot, () => 'light');
}
