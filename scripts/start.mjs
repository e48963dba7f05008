// `npm start`: build the static export if missing or stale, then serve it on http://localhost:3000.
import { ensureBuild } from './ensure-build.mjs';
import { serve } from './serve.mjs';

ensureBuild();
serve({ host: process.env.HOST ?? 'localhost' });
