// Imported text can never run script: raw HTML in prompts and responses shows as text.
import { test, expect } from './fixtures';

const EVIL_PROMPT = 'Is this safe? <script>window.__pwned = "script"</script>';
const EVIL_A =
  'Look: <img src=x onerror="window.__pwned = \'img\'"> and **bold** text\n\n![remote](http://example.com/x.png)';
const EVIL_B = '<iframe src="javascript:window.__pwned=1"></iframe> plain answer';

test('text with <img onerror> and <script> shows as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/data');
  await expect(page.getByTestId('datasets-table')).toBeVisible();
  // Store a hostile dataset directly in IndexedDB, as a bad import would.
  await page.evaluate(
    ([prompt, a, b]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('goodhart-lab');
        req.onsuccess = () => {
          const tx = req.result.transaction(['datasets', 'prompts', 'responses'], 'readwrite');
          tx.objectStore('datasets').put({
            id: 'evil',
            name: 'Evil',
            description: '',
            source: 'test',
            created: 9e12,
          });
          tx.objectStore('prompts').put({ id: 'evil-p', datasetId: 'evil', text: prompt, category: 'x' });
          tx.objectStore('responses').put({
            id: 'evil-a',
            promptId: 'evil-p',
            datasetId: 'evil',
            text: a,
            tags: [],
          });
          tx.objectStore('responses').put({
            id: 'evil-b',
            promptId: 'evil-p',
            datasetId: 'evil',
            text: b,
            tags: [],
          });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    [EVIL_PROMPT, EVIL_A, EVIL_B],
  );
  await page.goto('/label');
  await page.getByLabel(/your name/i).fill('Mallory');
  await page.getByRole('button', { name: 'Start labeling' }).click();
  await page.getByLabel('Dataset').selectOption('evil');
  const pair = page.getByTestId('pair');
  await expect(pair).toContainText('<script>window.__pwned = "script"</script>');
  await expect(page.locator('main')).toContainText('<img src=x onerror=');
  await expect(page.locator('main')).toContainText('<iframe');
  await expect(page.locator('main')).toContainText('[image: remote]');
  await expect(page.locator('main strong', { hasText: 'bold' })).toBeVisible();
  expect(await page.locator('main script, main img, main iframe').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
