import type { Metadata, Viewport } from 'next';
import './globals.css';
import { NavBar } from '@/components/NavBar';
import { StorageGate } from '@/components/StorageGate';
import { ServiceWorkerRegister } from '@/components/ServiceWorkerRegister';

export const metadata: Metadata = {
  title: 'Goodhart Lab',
  description:
    'Label preferences, train a reward model in your browser, and watch it reward fluent-but-wrong answers.',
  // Installable: app/manifest.ts adds the manifest link; icons are drawn by scripts/make-icons.mjs.
  applicationName: 'Goodhart Lab',
  appleWebApp: { capable: true, title: 'Goodhart Lab', statusBarStyle: 'default' },
  icons: {
    icon: [{ url: '/icons/icon.svg', type: 'image/svg+xml' }],
    apple: [{ url: '/icons/apple-touch-icon-180.png', sizes: '180x180' }],
  },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0b1220' },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-blue-700 focus:px-3 focus:py-2 focus:text-white"
        >
          Skip to content
        </a>
        <NavBar status={<ServiceWorkerRegister />} />
        <main id="main" className="mx-auto w-full min-w-0 max-w-7xl px-4 py-6">
          <StorageGate>{children}</StorageGate>
        </main>
      </body>
    </html>
  );
}
