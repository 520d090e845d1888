import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp } from '../support/create-test-app.js';
import { createFakeBackend, finish } from '../support/fake-backend.js';

/** Debian's chromium (CI installs it in .ci/run), never a browser downloaded by Playwright. */
const chromiumPath = '/usr/bin/chromium';
const key = 'docs-page-key';

/** The docs page in a real headless browser, against a gateway on 127.0.0.1 with a key and a backend that answers. */
describe('GET /docs in Chromium', () => {
  const fake = createFakeBackend(() => ({ events: finish('Hello from the docs page.') }));
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.`);
    server = createTestApp(fake.backend, { apiKeys: [key] }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 30_000,
    });
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  test('lists every operation of /openapi.json', async () => {
    await page.goto(`${origin}/docs`);
    await page.locator('.opblock').first().waitFor();
    const shown = await page.locator('.opblock').evaluateAll((blocks) =>
      blocks.map((block) => `${block.querySelector('.opblock-summary-method')?.textContent} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
    );
    const document = (await (await fetch(`${origin}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(15);
    expect(shown.sort()).toEqual(documented.sort());
  });

  test('runs a chat completion from the page: 401 without the key, 200 with the answer once it is entered under Authorize', async () => {
    const operation = page.locator('#operations-Chat_completions-createChatCompletion');
    const status = operation.locator('.live-responses-table tbody .response-col_status');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    await expect(status.textContent()).resolves.toMatch(/^401/);
    expect(fake.requests).toHaveLength(0);

    await page.locator('.auth-wrapper .authorize').click();
    await page.locator('#auth-bearer-value').fill(key);
    await page.locator('.auth-container').first().getByRole('button', { name: 'Apply credentials' }).click();
    await page.getByRole('button', { name: 'Close' }).first().click();

    await operation.getByRole('button', { name: 'Execute' }).click();
    await status.filter({ hasText: /^200/ }).waitFor();
    const body = await operation.locator('.live-responses-table tbody .response-col_description').textContent();
    expect(body).toContain('"content": "Hello from the docs page."');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }]); // the page's example
    // The only error the page logged is the refused first try: its policy let everything it needed load.
    expect(consoleErrors.filter((text) => !/status of 401/.test(text))).toEqual([]);
  }, 60_000);
});
