#!/usr/bin/env node
// The `goodhart` CLI entry: runs the TypeScript sources in cli/ through tsx, so `npx goodhart` works after npm install.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
