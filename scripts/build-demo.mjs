// Combines the authored demo parts (public/demo/parts/*.json) into public/demo/goodhart-demo.json.
// Run after editing a part: `node scripts/build-demo.mjs`. A unit test checks the output is up to date.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { demoFromParts } = await import('../lib/core/demo.ts');
const dir = 'public/demo/parts';
const parts = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
const file = demoFromParts(parts);
writeFileSync('public/demo/goodhart-demo.json', JSON.stringify(file) + '\n');
console.log(`demo pack: ${file.prompts.length} prompts, ${file.responses.length} responses`);
