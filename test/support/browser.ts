import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { TestApp } from './app';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every page a browser test visits is photographed here (git-ignored), to look at after a run. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // As root, Chromium needs --no-sandbox; without the background services it makes no connection of its own.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The test application listening on a free port of the loopback, for a real browser. */
export async function serve(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Serious or critical accessibility violations of the page as it is now (axe-core, RGAA's automatable part). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Photographs the page under `name` and checks its accessibility. */
export async function inspect(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return accessibilityViolations(page);
}

const POLL_MS = 100;

/**
 * Waits until the element shows the text (a part of it, or matching the pattern): pages change after a click, and
 * playwright-core has no assertions of its own (those of @playwright/test come with browsers it downloads).
 */
export async function shows(locator: Locator, expected: string | RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let shown = '';
  while (Date.now() < deadline) {
    shown = await locator.first().innerText({ timeout: POLL_MS * 5 }).catch(() => '');
    if (typeof expected === 'string' ? shown.includes(expected) : expected.test(shown)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${locator.toString()} should show ${String(expected)}; it shows « ${shown} »`);
}

/** Waits until the field holds the value. */
export async function holds(locator: Locator, expected: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = '';
  while (Date.now() < deadline) {
    value = await locator.inputValue({ timeout: POLL_MS * 5 }).catch(() => '');
    if (value === expected) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${locator.toString()} should hold « ${expected} »; it holds « ${value} »`);
}

/** A new browser context (a person of their own) logged in as `email`, on the page the login leads to. */
export async function signedIn(browser: Browser, base: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/connexion`);
  await page.fill('#champ-email', email);
  await page.fill('#champ-password', password);
  await page.click('button:has-text("Se connecter")');
  await page.waitForLoadState();
  return page;
}
