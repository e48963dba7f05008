// Labeling options: the disagreement policy shows pairs where the trained model prefers the wrong answer;
// self-audit silently re-shows labeled pairs with the sides swapped and /data reports consistency.
import { test, expect } from './fixtures';
import { pressAndWaitForNextPair, startLabeling } from './helpers';

test('disagreement policy: every pair shown has one right and one wrong answer', async ({ page }) => {
  await page.goto('/train');
  await page.getByRole('button', { name: 'Generate labels' }).click();
  await expect(page.getByTestId('simulate-message')).toContainText('Stored 500 labels');
  await page.getByRole('button', { name: /^Train on 500 labels/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Done', { timeout: 60_000 });

  await startLabeling(page, 'Teacher Tia');
  await page.getByText('Labeling options').click();
  await page.getByLabel('Next pair').selectOption('disagreement');
  await expect(page.getByTestId('policy-state')).toContainText('Choosing pairs by disagreement');
  await page.getByLabel('Reveal gold after each judgment').click();
  for (let i = 0; i < 4; i++) {
    await pressAndWaitForNextPair(page, '1');
    const reveal = await page.getByTestId('reveal').innerText();
    const verdicts = [...reveal.matchAll(/was (correct|incorrect)/g)].map((m) => m[1]);
    expect(verdicts).toHaveLength(2);
    expect(verdicts[0]).not.toBe(verdicts[1]);
  }
});

test('self-audit re-shows labeled pairs with the sides swapped and /data reports it', async ({ page }) => {
  await startLabeling(page, 'Audit Ana');
  await page.getByText('Labeling options').click();
  await page.getByLabel('Self-audit').selectOption('0.2');
  for (let i = 0; i < 45; i++) await pressAndWaitForNextPair(page, i % 3 === 0 ? '2' : '1');
  const rows = await page.evaluate(
    () =>
      new Promise<{ id: string; aId: string; bId: string; repeatOf?: string }[]>((resolve) => {
        const req = indexedDB.open('goodhart-lab');
        req.onsuccess = () => {
          const all = req.result.transaction('comparisons').objectStore('comparisons').getAll();
          all.onsuccess = () => resolve(all.result);
        };
      }),
  );
  const repeats = rows.filter((r) => r.repeatOf);
  expect(repeats.length).toBeGreaterThan(0);
  for (const r of repeats) {
    const orig = rows.find((o) => o.id === r.repeatOf)!;
    expect([r.aId, r.bId]).toEqual([orig.bId, orig.aId]);
  }
  await page.goto('/data');
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('Audit Ana');
  await page.getByRole('button', { name: "Show the room's figures" }).click();
  await expect(page.getByRole('dialog', { name: 'How consistent were we?' })).toBeVisible();
});
