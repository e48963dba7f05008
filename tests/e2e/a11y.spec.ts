// Automated accessibility scan (axe) of every page: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

for (const path of ['/', '/label', '/train', '/inspect', '/playground', '/data']) {
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

test('axe: /train results and the full /inspect report have no serious or critical violations', async ({
  page,
}) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });
  for (const path of ['/train', '/inspect']) {
    if (path === '/inspect') {
      await page.goto('/inspect');
      await expect(page.getByTestId('headlines')).toBeVisible({ timeout: 30_000 });
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
