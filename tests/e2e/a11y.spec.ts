// Automated accessibility scan (axe) of every page: no serious or critical violations; /train, /inspect and
// /optimize also after a model is trained (and /optimize after a finished run).
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

for (const path of ['/', '/label', '/train', '/inspect', '/optimize', '/playground', '/data']) {
  test(`axe: ${path} has no serious or critical violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).not.toContainText('Opening your local data');
    if (path === '/label') {
      await page.getByLabel(/your name/i).fill('Axe');
      await page.getByRole('button', { name: 'Start labeling' }).click();
      await expect(page.getByTestId('pair')).toBeVisible();
    }
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
    ).toEqual([]);
  });
}

test('axe: /train results, the full /inspect report and a finished /optimize run have no serious or critical violations', async ({
  page,
}) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
  for (const path of ['/train', '/inspect', '/optimize']) {
    if (path === '/inspect') {
      await page.goto('/inspect');
      await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
      // The collapsed weights view, opened.
      await page.getByText('Inside a linear model: its largest weights').click();
    }
    if (path === '/optimize') {
      await page.goto('/optimize');
      await page.getByLabel('Steps').fill('20');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(page.getByTestId('optimize-status')).toHaveText('Done.', { timeout: 90_000 });
    }
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map(
        (v) =>
          `${path} ${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      ),
    ).toEqual([]);
  }
});
