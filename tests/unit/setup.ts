// Vitest setup: property tests use a fixed fast-check seed so CI runs are reproducible; set FC_SEED to explore.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });
