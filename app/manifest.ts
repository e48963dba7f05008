/**
 * The web app manifest (served as /manifest.webmanifest): makes Goodhart Lab installable as an app that
 * opens standalone on /, with the icons drawn by scripts/make-icons.mjs. Static: part of the export.
 */
import type { MetadataRoute } from 'next';

export const dynamic = 'force-static';

/** Next's manifest metadata route. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Goodhart Lab',
    short_name: 'Goodhart Lab',
    description:
      'Label preferences, train a reward model in your browser, and watch it reward fluent-but-wrong answers. Works offline.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1d4ed8',
    categories: ['education', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
