/**
 * The lab's link between its own pages: Next's <Link> without prefetching.
 *
 * Why no prefetch: in a static export Next 16 probes every visible link's page with a HEAD request
 * before it fetches the route tree (`/label` then `/label/__next._tree.txt`). The HEAD answers 200, but
 * Next never reads its (empty) body, so Chromium reports each probe as `net::ERR_ABORTED`: six "failed"
 * requests on every fresh page load from the navigation alone. They were harmless, but noise that hides a
 * real failure. Without prefetching, a click fetches the page's RSC payload (`/label.txt`) once, from
 * localhost or the service worker's cache, which takes a few milliseconds: nothing is lost offline.
 * tests/e2e/layout.spec.ts counts failed requests on a fresh load of every page.
 */
import Link from 'next/link';
import type { ComponentProps } from 'react';

/** Props of {@link AppLink}: those of Next's Link, less `prefetch` (always off). */
export type AppLinkProps = Omit<ComponentProps<typeof Link>, 'prefetch'>;

/** A client-side link to another page of the lab, never prefetched (see the file comment). */
export function AppLink(props: AppLinkProps) {
  return <Link {...props} prefetch={false} />;
}
