import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations, ensureChromium, ensureDashboardBuilt, launchChromium } from './testing/dashboard-browser.js';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

// The directors' dashboard in a real browser (Debian's Chromium through playwright-core) against the embedded
// product with its demo organisation: every page shows what the GraphQL API answers for the viewer, the date
// picker moves the overview in time, a viewer who may not see a page is told so, keyboards and tablets get
// around, and axe-core finds no serious or critical violation. Screenshots of every page go to
// services/dashboard/screenshots/ (ignored by git; docs/screenshots holds copies).

// The functions passed to page.evaluate and waitForFunction run in the page, where these exist (the tests' own
// type check has no DOM library).
declare const document: any;

// A demo organisation of 60 engineers keeps the start-up short; DASHBOARD_E2E_ENGINEERS=320 (the full demo) takes
// the screenshots for docs/screenshots.
const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: process.env['DASHBOARD_E2E_ENGINEERS'] ?? '60' });
const screenshots = resolve(import.meta.dirname, '../../dashboard/screenshots');
let browser: Browser;
let visitor: BrowserContext;
let base: string;
/** Requests the pages made to anywhere but the product (the dashboard must work offline: no CDN). */
const elsewhere: string[] = [];

async function must<T = Record<string, any>>(response: Promise<GraphqlResponse<T>>): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
}
const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => must(instance.gql(query, variables, headers));

async function newContext(viewport = { width: 1366, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  return context;
}

async function open(path: string, context: BrowserContext = visitor): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${base}${path}`);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });

/** Waits until no query of the page is in flight and a chart has drawn its marks. */
async function settledChart(page: Page, chart: string): Promise<void> {
  // Charts draw SVG; the heatmap is a table coloured by level.
  await page.waitForSelector(`[data-chart="${chart}"][data-rendered] :is(svg, table)`);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .state.loading').length === 0);
}

const marksIn = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] svg path`).count();

/** A table's body as rows of cell texts (the tables under "The numbers" hold what the charts draw). */
async function tableRows(page: Page, table: string): Promise<string[][]> {
  return page.locator(`table[data-table="${table}"] tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ page: name, violations: describeViolations(violations) }).toEqual({ page: name, violations: [] });
}

const overviewQuery = /* GraphQL */ `
  query($competency: String!, $asOf: String) {
    levelDistribution(competency: $competency, groupBy: NONE, asOf: $asOf) { groups { counts { level count } total } }
  }
`;
let competencies: { id: string; name: string }[];
let levels: number[];

/** The organisation's distribution per competency as the API gives it: competency name → [count per level..., total]. */
async function apiDistribution(asOf: string | null): Promise<Record<string, number[]>> {
  const answer: Record<string, number[]> = {};
  for (const c of competencies) {
    const group = (await gql(overviewQuery, { competency: c.id, asOf }))['levelDistribution'].groups[0] as { counts: { level: number; count: number }[]; total: number } | undefined;
    answer[c.name] = [...levels.map((l) => group?.counts.find((x) => x.level === l)?.count ?? 0), group?.total ?? 0];
  }
  return answer;
}
const pageDistribution = async (page: Page) => Object.fromEntries((await tableRows(page, 'distribution')).map((cells) => [cells[0]!, cells.slice(1, levels.length + 2).map(Number)]));

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  ensureChromium();
  ensureDashboardBuilt();
  await instance.start();
  await instance.running.settled();
  base = instance.running.url.replace('localhost', '127.0.0.1');
  browser = await launchChromium();
  visitor = await newContext();
  const framework = (await gql('{ frameworks { id publishedVersion } }'))['frameworks'][0];
  const details = (await gql('query($id: ID!) { framework(id: $id) { competencies { id name } levels { level } } }', { id: framework.id }))['framework'];
  competencies = details.competencies;
  levels = details.levels.map((l: { level: number }) => l.level);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await instance.dispose();
});

describe('the dashboard on the gateway', () => {
  it('is served at / as static files: the page never cached without asking, hashed assets immutable, the API left alone', async () => {
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/engineers/eng-0001`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await fetch(`${base}/health`, { headers: { accept: 'text/html' } })).json()).toEqual(expect.objectContaining({ status: 'ok' }));
    expect(await instance.gql('{ teams { id } }')).toEqual({ data: { teams: expect.any(Array) } });
  }, 120_000);
});

describe('organisation overview', () => {
  let page: Page;

  it('draws the level distribution, the team heatmap and the headcount with the numbers the API gives', async () => {
    page = await open('/');
    await settledChart(page, 'distribution');
    await settledChart(page, 'heatmap');
    await settledChart(page, 'progression');
    expect(await pageDistribution(page)).toEqual(await apiDistribution(null));
    // Bars and cells are drawn (one path per bar segment or cell at least), not just the axes.
    expect(await marksIn(page, 'distribution')).toBeGreaterThan(competencies.length * 2);
    const teams = (await gql('{ levelDistribution(competency: "mastery", groupBy: TEAM) { groups { groupId } } }'))['levelDistribution'].groups.length;
    expect(await page.locator('table[data-table="heatmap"] tbody tr').count()).toBe(teams);
    // Every team has at least one cell coloured by its median level, in the colour of that level.
    const coloured = await page.locator('[data-chart="heatmap"] td[data-level]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-level'), c.ownerDocument.defaultView!.getComputedStyle(c).backgroundColor]));
    expect(coloured.length).toBeGreaterThan(teams);
    expect(new Set(coloured.map(([level, colour]) => `${level}:${colour}`)).size).toBe(new Set(coloured.map(([level]) => level)).size);
    expect(await marksIn(page, 'headcount')).toBeGreaterThan(levels.length - 1);
    expect(elsewhere).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await shot(page, 'overview');
    await expectAccessible(page, 'overview');
  }, 120_000);

  it('shows the organisation as it stood on the day the date picker names', async () => {
    const today = await pageDistribution(page);
    const before = JSON.stringify(await page.locator('table[data-table="distribution"] tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent)));
    const day = '2025-06-30';
    await page.fill('input[name="asOf"]', day);
    await page.waitForURL(/asOf=2025-06-30/);
    await page.waitForFunction((previous) => {
      const rows = [...document.querySelectorAll('table[data-table="distribution"] tbody tr')].map((r) => r.textContent);
      return document.querySelectorAll('[aria-busy="true"]').length === 0 && JSON.stringify(rows) !== previous;
    }, before);
    const then = await pageDistribution(page);
    expect(then).toEqual(await apiDistribution(day));
    expect(then).not.toEqual(today);
    expect(await page.locator('.lede').first().textContent()).toContain(day);
    await settledChart(page, 'distribution');
    await shot(page, 'overview-as-of');
  }, 120_000);
});

describe('skills', () => {
  it('shows coverage per skill and team with the bus-factor flag, and the holders of a cell', async () => {
    const page = await open('/skills');
    await settledChart(page, 'coverage');
    const coverage = (await gql('{ skillCoverage(minLevel: 3) { organisation { skill { id name } holders atRisk } teams { team { id } skill { id } holders atRisk } } }'))['skillCoverage'];
    const organisation = coverage.organisation as { skill: { id: string; name: string }; holders: number; atRisk: boolean }[];
    const rows = await tableRows(page, 'coverage-organisation');
    expect(Object.fromEntries(rows.map((r) => [r[0], [Number(r[1]), r[2] === 'yes']]))).toEqual(Object.fromEntries(organisation.map((e) => [e.skill.name, [e.holders, e.atRisk]])));
    const risky = coverage.teams.find((e: { atRisk: boolean }) => e.atRisk);
    expect(await page.locator(`[data-cell="${risky.team.id}:${risky.skill.id}"]`).getAttribute('aria-label')).toContain('at risk');

    const widest = [...organisation].sort((a, b) => b.holders - a.holders)[0]!;
    await page.click(`[data-cell="*:${widest.skill.id}"]`);
    await page.waitForSelector('[data-list="holders"] li');
    expect(await page.locator('[data-list="holders"] li').count()).toBe(widest.holders);
    expect(page.url()).toContain(`cell=*%3A${widest.skill.id}`);
    await shot(page, 'skills');
    await expectAccessible(page, 'skills');
  }, 120_000);
});

describe('question box', () => {
  let page: Page;
  let asked: { level: number; names: string[]; first: { id: string; name: string } };

  it('lists the same engineers as the GraphQL query for "L5 on Mastery in Go", and keeps the question in the URL', async () => {
    // L5 Mastery in Go; in a smaller demo organisation, the highest level on it that someone holds.
    for (const level of [5, 4, 3, 2, 1]) {
      const answer = (await gql('query($level: Int!) { engineers(filter: {competency: "Mastery", skill: "Go", level: $level}, first: 50) { totalCount nodes { id name } } }', { level }))['engineers'];
      if (answer.totalCount > 0) {
        asked = { level, names: answer.nodes.map((n: { name: string }) => n.name), first: answer.nodes[0] };
        break;
      }
    }
    expect(asked.names.length).toBeGreaterThan(0);
    page = await open('/questions');
    await page.waitForSelector('form[aria-label="Who is at a level"]');
    await page.selectOption('select[name="level"]', String(asked.level));
    await page.check('input[name="mode"][value="exactly"]');
    await page.selectOption('select[name="competency"]', 'mastery');
    await page.selectOption('select[name="skill"]', 'go');
    await page.click('button:has-text("Ask")');
    await page.waitForSelector('table[data-table="answer"] tbody tr');
    const names = async (p: Page) => (await tableRows(p, 'answer')).map((r) => r[0]);
    expect(await names(page)).toEqual(asked.names);
    expect(new URL(page.url()).search).toBe(`?competency=mastery&level=${asked.level}&mode=exactly&skill=go`);

    const shared = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await shared.waitForSelector('table[data-table="answer"] tbody tr');
    expect(await names(shared)).toEqual(asked.names);
    await shared.close();
  }, 120_000);

  it('runs a staffing search with several requirements, as findEngineers answers it', async () => {
    await page.selectOption('select[name="req-0-competency"]', 'mastery');
    await page.selectOption('select[name="req-0-skill"]', 'go');
    await page.selectOption('select[name="req-0-level"]', '3');
    await page.click('button:has-text("Add a requirement")');
    await page.selectOption('select[name="req-1-competency"]', 'impact');
    await page.selectOption('select[name="req-1-level"]', '3');
    await page.click('button:has-text("Find engineers")');
    await page.waitForSelector('table[data-table="staffing"] tbody tr, [data-total="0"], .state.empty');
    const expected = (await gql('{ findEngineers(requirements: [{competency: "mastery", skill: "go", levelAtLeast: 3}, {competency: "impact", levelAtLeast: 3}], first: 50) { totalCount nodes { engineer { name } margin } } }'))['findEngineers'];
    expect(expected.totalCount).toBeGreaterThan(0);
    const rows = await tableRows(page, 'staffing');
    expect(rows.map((r) => [r[0], r[2]])).toEqual(expected.nodes.map((n: { engineer: { name: string }; margin: number }) => [n.engineer.name, `+${n.margin}`]));
    expect(new URL(page.url()).searchParams.getAll('req')).toEqual(['mastery:go:3', 'impact::3']);
    // The first question stays asked beside the second.
    expect(new URL(page.url()).searchParams.get('skill')).toBe('go');
    await shot(page, 'questions');
    await expectAccessible(page, 'questions');
  }, 120_000);

  it('links each engineer to a profile that opens to the evidence behind each level', async () => {
    await page.click(`table[data-table="answer"] a:has-text("${asked.first.name}")`);
    await page.waitForURL(`**/engineers/${asked.first.id}`);
    await page.locator('h1', { hasText: asked.first.name }).waitFor();
    await settledChart(page, 'levels');
    const profile = (await gql('query($id: ID!) { engineer(id: $id) { competencyLevels { competency { id } demonstrated { level sources { selfReported withArtefact peerEndorsed total } evidence { id title } } } } }', { id: asked.first.id }))['engineer'];
    const mastery = profile.competencyLevels.find((c: { competency: { id: string } }) => c.competency.id === 'mastery');
    expect(mastery.demonstrated.level).toBeGreaterThanOrEqual(asked.level);
    const item = page.locator('[data-competency="mastery"]');
    const toggle = item.locator('button.disclosure');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Opened with the keyboard.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await item.locator('[data-list="evidence"] li').first().waitFor();
    expect(await item.locator('[data-list="evidence"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-evidence')))).toEqual(mastery.demonstrated.evidence.map((e: { id: string }) => e.id));
    const s = mastery.demonstrated.sources;
    expect(await item.locator('[data-sources]').getAttribute('data-sources')).toBe(`${s.withArtefact}/${s.peerEndorsed}/${s.selfReported}/${s.total}`);
    await item.locator('[data-gap="mastery"] .async').waitFor();
    const gap = (await gql('query($id: ID!) { gapToNextLevel(engineerId: $id, competency: "mastery") { nextLevel missing { text } } }', { id: asked.first.id }))['gapToNextLevel'];
    expect(await item.locator('[data-gap="mastery"] [data-list="missing"] li').allTextContents()).toEqual(gap.nextLevel === null ? [] : gap.missing.map((b: { text: string }) => b.text));
    await settledChart(page, 'history');
    await shot(page, 'engineer');
    await expectAccessible(page, 'engineer');
  }, 120_000);
});

describe('promotion readiness', () => {
  it('lists the candidates the API gives, each opening to its evidence', async () => {
    const page = await open('/promotions');
    await settledChart(page, 'readiness');
    const candidates = (await gql('{ promotionReadiness { engineer { id } competency { id } gap { evidence { id } } } }'))['promotionReadiness'] as { engineer: { id: string }; competency: { id: string }; gap: { evidence: { id: string }[] } }[];
    expect(candidates.length).toBeGreaterThan(0);
    await expect(page.locator('#candidates-title').textContent()).resolves.toBe(`${candidates.length.toLocaleString('en-GB')} candidate${candidates.length === 1 ? '' : 's'}`);
    const first = candidates[0]!;
    const item = page.locator(`[data-candidate="${first.engineer.id}:${first.competency.id}"]`);
    await item.locator('button.disclosure').click();
    if (first.gap.evidence.length > 0) {
      await item.locator('[data-list="evidence"] li').first().waitFor();
      expect(await item.locator('[data-list="evidence"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-evidence')))).toEqual(first.gap.evidence.map((e) => e.id));
    }
    await shot(page, 'promotions');
    await expectAccessible(page, 'promotions');
  }, 120_000);
});

describe('viewers', () => {
  it('tells a viewer whose role may not see a page so, and shows a director their organisation', async () => {
    const context = await newContext();
    const page = await open('/', context);
    await settledChart(page, 'distribution');
    await page.selectOption('select[name="viewer-role"]', 'hris');
    const refusal = page.locator('[data-error-code="FORBIDDEN"]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toContain('may not see the level distribution');
    await shot(page, 'forbidden');
    await expectAccessible(page, 'forbidden');
    for (const [link, path] of [['Skills', '/skills'], ['Promotion readiness', '/promotions']] as const) {
      await page.click(`nav a:has-text("${link}")`);
      await page.waitForURL(`**${path}`);
      await page.locator('h1').filter({ hasText: link === 'Skills' ? 'Skills' : 'Promotion readiness' }).waitFor();
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('FORBIDDEN');
    }

    await page.click('nav a:has-text("Organisation")');
    await page.selectOption('select[name="viewer-role"]', 'director');
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('data-viewer')?.includes('(director)'), undefined, { timeout: 20_000 });
    const director = (await page.locator('main').getAttribute('data-viewer'))!.split(' ')[0]!;
    await settledChart(page, 'distribution');
    const asDirector = (await gql(overviewQuery, { competency: competencies[0]!.id }, { 'x-actor-id': director, 'x-actor-roles': 'director' }))['levelDistribution'].groups[0];
    const everyone = (await apiDistribution(null))[competencies[0]!.name]!;
    const row = (await pageDistribution(page))[competencies[0]!.name]!;
    expect(row[levels.length]).toBe(asDirector?.total ?? 0);
    expect(row[levels.length]).toBeLessThan(everyone[levels.length]!);
    await context.close();
  }, 120_000);
});

describe('states', () => {
  it('says the product is starting while the API answers UNAVAILABLE, and shows the page once it answers', async () => {
    const context = await newContext();
    let refused = 0;
    await context.route('**/graphql', (route) => {
      if (refused >= 2) return route.fallback();
      refused += 1;
      return route.fulfill({ status: 503, contentType: 'application/json', headers: { 'retry-after': '5' }, body: JSON.stringify({ errors: [{ message: 'Skills Graph is starting', extensions: { code: 'UNAVAILABLE' } }] }) });
    });
    const page = await open('/', context);
    const starting = page.locator('[data-error-code="UNAVAILABLE"]');
    await starting.waitFor();
    expect(await starting.getAttribute('role')).toBe('status');
    expect(await starting.textContent()).toContain('starting');
    await settledChart(page, 'distribution');
    expect(await starting.count()).toBe(0);
    await context.close();
  }, 120_000);

  it('says so when the API cannot be reached or fails, with a way to try again', async () => {
    const context = await newContext();
    let failing = true;
    await context.route('**/graphql', (route) => (failing ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }) }) : route.fallback()));
    const page = await open('/skills', context);
    const failure = page.locator('[data-error-code="INTERNAL_SERVER_ERROR"]');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    failing = false;
    await failure.locator('button:has-text("Try again")').click();
    await settledChart(page, 'coverage');
    await context.close();
  }, 120_000);
});

describe('keyboard and screen sizes', () => {
  it('skips to the content and moves between pages by keyboard, focusing each page heading', async () => {
    const context = await newContext();
    const page = await open('/', context);
    await settledChart(page, 'distribution');
    // The skip link is the first stop of the tab order, shown when it has the focus.
    const first = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')].find((e: any) => !e.disabled)?.textContent);
    expect(first).toBe('Skip to content');
    await page.locator('a.skip-link').focus();
    const box = await page.locator('a.skip-link').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.locator('nav a:has-text("Question box")').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/questions');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Question box');
    await context.close();
  }, 120_000);

  it('fits a tablet and a laptop without sideways scrolling, and stays accessible there', async () => {
    for (const [name, viewport] of [['tablet', { width: 768, height: 1024 }], ['laptop', { width: 1280, height: 800 }]] as const) {
      const context = await newContext(viewport);
      for (const path of ['/', '/skills', '/questions', '/promotions', `/engineers/eng-0001`]) {
        const page = await open(path, context);
        await page.waitForSelector('main h1');
        await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0 && document.querySelectorAll('[aria-busy="true"]').length === 0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ path, viewport: name, overflow }).toEqual({ path, viewport: name, overflow: 0 });
        if (path === '/' && name === 'tablet') {
          await settledChart(page, 'heatmap');
          await shot(page, 'overview-tablet');
          await expectAccessible(page, 'overview at tablet width');
        }
        await page.close();
      }
      await context.close();
    }
    const missing = await open('/no-such-page');
    await missing.waitForSelector('main h1');
    expect(await missing.locator('h1').textContent()).toBe('Page not found');
    await expectAccessible(missing, 'not found');
    expect(elsewhere).toEqual([]);
  }, 120_000);
});
