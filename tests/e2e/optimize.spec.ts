// Optimisation pressure end to end: a model trained on the hurried rater's labels → /inspect's probes
// panel (what the model pays for, before/after one response) → /optimize: RL with mitigations side by
// side, the curve and samples; a long run cancelled; no sideways scrolling on a phone. SHOTS=1 also saves
// screenshots of /optimize at 1440, 1024 and 390 px, light and dark, into /tmp/shots/optimize.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function trainHurried(page: Page) {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
}

test('probes on /inspect, then the optimiser and the fix-it lab on /optimize', async ({ page }) => {
  test.setTimeout(180_000);
  await trainHurried(page);
  await page.goto('/inspect');
  const probes = page.getByTestId('probes');
  await expect(probes.locator('tbody tr')).toHaveCount(7, { timeout: 30_000 });
  await expect(page.getByTestId('probe-row-splice-incorrect')).toContainText('changed (right → wrong)');
  await expect(page.getByTestId('probe-row-remove-hedges')).toContainText(/\+\d/);
  await expect(page.getByTestId('probe-before')).toContainText('Before: reward');
  await page.getByLabel(/Before and after/).selectOption('markdown-structure');
  await expect(page.getByTestId('probe-after')).toContainText('After: reward');
  await expect(page.getByTestId('probe-after').locator('strong').first()).toBeVisible();

  await page.goto('/optimize');
  await page.getByLabel('Steps').fill('60');
  await page.getByRole('checkbox', { name: 'Reward centring' }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('optimize-status')).toHaveText('Done.', { timeout: 90_000 });
  await expect(page.getByRole('heading', { name: /RL against .*proxy and gold against √KL/ })).toBeVisible();
  const lab = page.getByTestId('lab-grid');
  await expect(lab.locator('li')).toHaveCount(4);
  for (const id of ['none', 'style-control', 'strong-kl', 'centring'])
    await expect(page.getByTestId(`lab-${id}`)).toContainText(/gold \d+% → \d+%/);
  await expect(page.getByTestId('lab-strong-kl')).toContainText('Cost:');
  // The hurried model's plain run loses gold.
  const sub = await page
    .getByTestId('lab-none')
    .getByText(/gold \d+% → \d+%/)
    .innerText();
  const [from, to] = sub.match(/\d+(?=%)/g)!.map(Number);
  expect(to).toBeLessThan(from);
  await expect(page.getByTestId('samples').locator('li').first()).toContainText('Step 0');
  await expect(page.getByRole('button', { name: /Download RL against .* as CSV/ })).toBeEnabled();
  // The finished page has no serious or critical accessibility violations.
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual(
    [],
  );
});

test('the fix-it lab trains the ensemble’s members as set (2, minimum); the steps field’s bounds are the settings table’s', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await trainHurried(page);
  await page.goto('/optimize');
  await page.getByRole('button', { name: 'Best-of-n' }).click();
  const doublings = page.getByLabel('Doublings of n');
  await expect(doublings).toHaveAttribute('min', '0');
  await expect(doublings).toHaveAttribute('max', '20');
  await page.getByRole('button', { name: 'RL (REINFORCE + KL)' }).click();
  await expect(page.getByLabel('Steps')).toHaveAttribute('max', '5000');
  await page.getByLabel('Steps').fill('20');
  await page.getByRole('checkbox', { name: 'Conservative ensemble' }).check();
  // The ensemble's own settings: the table's labels and ranges, ENSEMBLE_ON's values to start with.
  const ens = page.getByTestId('ensemble-settings');
  await expect(ens.getByLabel('Ensemble members')).toHaveValue('3');
  await expect(ens.getByLabel('Ensemble members')).toHaveAttribute('min', '2');
  await expect(ens.getByLabel('Ensemble members')).toHaveAttribute('max', '8');
  await expect(ens.getByLabel('Ensemble k')).toHaveValue('1');
  await ens.getByLabel('Ensemble combination').selectOption('min');
  await expect(ens.getByLabel('Ensemble k')).toHaveCount(0);
  await ens.getByLabel('Ensemble members').fill('2');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('optimize-status')).toHaveText('Done.', { timeout: 90_000 });
  await expect(page.getByTestId('lab-grid').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('lab-ensemble')).toContainText(/gold \d+% → \d+%/);
});

test('a long run can be cancelled, and the page never scrolls sideways on a phone', async ({ page }) => {
  test.setTimeout(150_000);
  await trainHurried(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/optimize');
  await page.getByLabel('Steps').fill('5000');
  await page.getByRole('checkbox', { name: 'Reward centring' }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('optimize-status')).toContainText('Optimising', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('optimize-status')).toContainText('Cancelled', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // A finished run at phone width: still no sideways scroll.
  await page.getByLabel('Steps').fill('20');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('optimize-status')).toHaveText('Done.', { timeout: 60_000 });
  const after = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(after).toBeLessThanOrEqual(0);
});

test('an encoder model (use+style+hashed): probes and /optimize embed the edited texts, bounded and said so', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByLabel('Features', { exact: true }).selectOption('use+style+hashed');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 90_000 });

  await page.goto('/inspect');
  const bound = page.getByTestId('probes-encoder');
  await expect(bound).toContainText('a seeded sample of 40 responses', { timeout: 60_000 });
  await expect(bound).toContainText(/\d+ texts need embeddings/);
  // The edited texts are new: the encoder embeds them, with progress.
  await expect(page.getByTestId('probes-embedding')).toBeVisible({ timeout: 60_000 });
  const probes = page.getByTestId('probes');
  await expect(probes.locator('tbody tr')).toHaveCount(7, { timeout: 180_000 });
  await expect(page.getByTestId('probes-sampled')).toContainText('a seeded sample of 40 of');
  await expect(page.getByTestId('probe-row-splice-incorrect')).toContainText('changed (right → wrong)');
  await expect(page.getByTestId('probe-before')).toContainText('Before: reward');

  await page.goto('/optimize');
  const note = page.getByTestId('optimize-encoder');
  await expect(note).toContainText('edit sets of at most 1 edit on a seeded sample of 12 prompts');
  await expect(note).toContainText(/\d+ texts need embeddings/);
  await page.getByLabel('Steps').fill('40');
  await page.getByRole('checkbox', { name: 'Style-controlled reward' }).uncheck();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('optimize-embedding')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('optimize-status')).toHaveText('Done.', { timeout: 240_000 });
  await expect(page.getByTestId('lab-grid').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('lab-none')).toContainText(/gold \d+% → \d+%/);
  await expect(page.getByTestId('samples').locator('li').first()).toContainText('Step 0');
});
