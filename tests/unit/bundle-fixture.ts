// A session bundle holding only the given models (runs), as text: for the tests that feed the importer
// runs it must check (tests/unit/db-stored-whole.test.ts, tests/e2e/damaged.spec.ts).
export function bundleWithModels(models: unknown[]): string {
  return JSON.stringify(
    {
      format: 'goodhart-session',
      version: 1,
      exportedAt: 1,
      datasets: [],
      comparisons: [],
      skips: [],
      annotators: [],
      models,
      settings: {},
    },
    null,
    1,
  );
}
