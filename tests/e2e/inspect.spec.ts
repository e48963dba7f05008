// The Goodhart viewer end to end: fresh start → simulate the hurried rater → train → /inspect shows the
// headlines (the model prefers wrong answers on held-out prompts), the best-of-n curve and the gallery.
import { test, expect } from './fixtures';

test('fresh start → hurried rater → train → inspect shows the lesson', async ({ page }) => {
  await page.goto('/inspect');
  await expect(page.getByText('No reward model yet')).toBeVisible();
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
  await page.getByRole('link', { name: /inspect what this reward model pays for/ }).click();

  await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /Held-out/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('verdict')).toContainText(
    /^(Verdict: )?Your model learned that [^:]+: its favourite answer is wrong on \d+ of \d+ held-out prompts/,
  );
  await expect(page.getByTestId('small-sample')).toHaveCount(0);
  const wrong = await page.getByTestId('wrong-preferred').locator('p').first().innerText();
  expect(Number(wrong.replace('%', ''))).toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId('hacking-gap')).toContainText('SD');
  await expect(page.getByRole('heading', { name: /Best-of-n \(held-out prompts/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Download Best-of-n .* as CSV/ })).toBeVisible();
  await expect(page.getByTestId('gallery').locator('li').first()).toContainText(
    'Preferred by the model — incorrect',
  );
  await expect(page.getByTestId('inspect-raters')).toContainText('sim: hurried rater');

  // Keyboard route to "why": choose a response from the list.
  const choice = page.getByLabel('Or choose a response to explain');
  const firstValue = await choice.locator('option').nth(1).getAttribute('value');
  await choice.selectOption(firstValue!);
  await expect(page.getByTestId('why')).toContainText('What drove this score');

  // A linear model's weights are a secondary view, collapsed by default; inside it, named style features by
  // default and word buckets by this dataset's words, never `"a"|"b"`.
  await expect(page.getByRole('heading', { name: /What the model pays for/ })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /What the model pays for/ })).toContainText('probes');
  const top = page.getByTestId('top-features');
  await expect(top).not.toHaveAttribute('open', '');
  await expect(top.getByRole('button', { name: 'Named style features' })).toBeHidden();
  await top.getByText('Inside a linear model: its largest weights').click();
  await expect(top.getByRole('button', { name: 'Named style features' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await top.getByRole('button', { name: 'All features, word buckets too' }).click();
  await expect(top).toContainText('word bucket is one of 4,096');
  await expect(page.locator('body')).not.toContainText(/"[^"]+"\|"/);
  // The why view renders Markdown (no raw **) and never marks a stop word.
  await expect(page.getByTestId('why-text')).not.toContainText('**');
  const marked = await page.getByTestId('why-text').locator('mark').allInnerTexts();
  for (const w of marked) expect(['the', 'is', 'a', 'of', 'to', 'and', 'it']).not.toContain(w.toLowerCase());

  // The gallery follows the toggle: held-out prompts only, then all prompts (training prompts among them).
  const items = page.getByTestId('gallery').locator('li > p:first-child');
  for (const t of await items.allInnerTexts()) expect(t.toLowerCase()).toContain('held-out prompt');
  await page.getByRole('button', { name: /^All \(52\)/ }).click();
  await expect(page.getByRole('heading', { name: /Best-of-n \(all prompts/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Gallery: .*\(all prompts\)/ })).toBeVisible();
  await expect(items.filter({ hasText: /training prompt/i }).first()).toBeVisible();
});

test('bring your own scores: a JSONL of external rewards gets the same views; bad lines are listed', async ({
  page,
}) => {
  await page.goto('/inspect');
  const lines = [
    { prompt: 'Capital of Australia?', response: '**Sydney**, definitely.', reward: 2.0, correct: false },
    { prompt: 'Capital of Australia?', response: 'I think it is Canberra.', reward: 0.5, correct: true },
    { prompt: 'Is 0.1 + 0.2 === 0.3 in JS?', response: 'Yes, always.', reward: 1.5, correct: false },
    {
      prompt: 'Is 0.1 + 0.2 === 0.3 in JS?',
      response: 'No: floating point gives 0.30000000000000004.',
      reward: 1.0,
      correct: true,
    },
  ].map((l) => JSON.stringify(l));
  lines.push('{"prompt": "x", "response": "y"}');
  await page.getByLabel(/bring your own scores/i).setInputFiles({
    name: 'external.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(lines.join('\n')),
  });
  await expect(page.getByTestId('scores-issues')).toContainText('external.jsonl:5');
  await expect(page.getByTestId('wrong-preferred')).toContainText('100%');
  await expect(page.getByTestId('gallery').locator('li')).toHaveCount(2);
});

test('the one-click tour on / labels, trains and opens the viewer from a fresh start', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Run the lesson for me' }).click();
  await expect(page).toHaveURL(/\/inspect$/, { timeout: 90_000 });
  await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('wrong-preferred')).toContainText('%');
});
