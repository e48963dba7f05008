// Next.js config: a fully static export (no server code), so `out/` can be served from any folder.
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  reactStrictMode: true,
  images: { unoptimized: true },
  // No telemetry, no remote fonts: the app never talks to anything but localhost.
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); skipping the duplicate check keeps builds fast.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
