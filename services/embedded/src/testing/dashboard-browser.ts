import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// Browser tests of the directors' dashboard: Debian's Chromium driven by playwright-core (no browser download),
// the dashboard built once when its sources changed, and axe-core's checks run inside the page.

const root = resolve(import.meta.dirname, '../../../..');

// page.evaluate's functions run in the page, where this exists (the tests' type check has no DOM library).
declare const window: any;
declare const document: unknown;

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Debian's Chromium at /usr/bin/chromium, installed with apt-get when it is missing (the tests run as root, as CI does). */
export function ensureChromium(): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  const aptGet = (...args: string[]) => spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 900_000 });
  let install = aptGet('install', '-y', 'chromium');
  if (install.status !== 0) {
    // A machine whose package lists were never fetched knows no chromium yet.
    aptGet('update');
    install = aptGet('install', '-y', 'chromium');
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not at ${chromiumPath} and \`apt-get install -y chromium\` did not install it (exit ${install.status}):\n${`${install.stdout ?? ''}${install.stderr ?? ''}`.slice(-2_000)}`);
  }
  return chromiumPath;
}

/** Builds services/dashboard/dist unless it is up to date with the dashboard's sources (a few seconds when it is not). */
export function ensureDashboardBuilt(): void {
  const build = spawnSync(process.execPath, [resolve(root, 'services/dashboard/build.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (build.status !== 0) throw new Error(`Building the dashboard failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A/AA checks on the page as it is now; the violations of the given impacts. */
export async function axeViolations(page: Page, impacts: readonly string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as { axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary !== undefined && { failureSummary: n.failureSummary }) })) }));
  });
  return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** A readable summary of violations for a failing expectation. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
