import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { dashboardHandlers, immutableAssets } from './dashboard.js';

// The dashboard's static files over HTTP, on a plain Express app with a built dashboard in a temporary folder:
// cache headers, the app's own paths answered with index.html, and the API's paths left alone.

const dir = mkdtempSync(join(tmpdir(), 'sg-dashboard-'));
const missing = join(dir, 'not-built');
let server: Server;
let url: string;

beforeAll(async () => {
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>dashboard</title><script type="module" src="/assets/index-AbC123.js"></script>');
  writeFileSync(join(dir, 'dist', 'assets', 'index-AbC123.js'), 'console.log("dashboard")');
  writeFileSync(join(dir, 'dist', 'assets', 'index-AbC123.js.br'), brotliCompressSync('console.log("dashboard")'));
  writeFileSync(join(dir, 'dist', 'assets', 'index-AbC123.js.gz'), gzipSync('console.log("dashboard")'));
  writeFileSync(join(dir, 'dist', 'assets', 'plain-Xyz789.css'), 'body{}');
  const app = express();
  app.use('/graphql', (_req, res) => void res.json({ data: { graphql: true } }));
  const unbuilt = express.Router();
  unbuilt.use(...dashboardHandlers({ dir: missing }));
  app.use('/unbuilt', unbuilt);
  app.use(...dashboardHandlers({ dir: join(dir, 'dist') }));
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.use((_req, res) => void res.status(404).json({ notFound: true }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the dashboard on the gateway', () => {
  it('answers / with index.html, never cached without asking again, kept to this origin', async () => {
    const response = await fetch(`${url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await response.text()).toContain('<title>dashboard</title>');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    // (fetch would add cache-control: no-cache to a conditional request, as browsers do on reload: node:http sends it as a revisit does.)
    const revisit = await new Promise<number>((resolve, reject) => get(`${url}/`, { headers: { ...html, 'if-none-match': etag! } }, (res) => resolve(res.resume().statusCode!)).on('error', reject));
    expect(revisit).toBe(304);
  });

  it('answers the app\'s own paths with index.html, so every view has a shareable address', async () => {
    for (const path of ['/skills', '/questions?competency=mastery&level=5&mode=exactly&skill=go', '/engineers/eng-0211', '/no-such-page']) {
      const response = await fetch(`${url}${path}`, { headers: html });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>dashboard</title>');
    }
  });

  it('serves hashed assets as immutable for a year, and a missing one as not found', async () => {
    const asset = await fetch(`${url}/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe(immutableAssets);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toBe('console.log("dashboard")');
    const plain = await fetch(`${url}/assets/plain-Xyz789.css`);
    expect([plain.status, plain.headers.get('cache-control'), plain.headers.get('content-encoding')]).toEqual([200, immutableAssets, null]);
    expect((await fetch(`${url}/assets/index-Gone99.js`)).status).toBe(404);
    expect((await fetch(`${url}/favicon.ico`, { headers: html })).status).toBe(404);
  });

  it('sends the build\'s Brotli or gzip copy of an asset to a browser that accepts it', async () => {
    const raw = (encoding: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) =>
        get(`${url}/assets/index-AbC123.js`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    const br = await raw('gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers['vary'], br.headers['cache-control']]).toEqual([200, 'br', 'accept-encoding', immutableAssets]);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).toString()).toBe('console.log("dashboard")');
    expect((await raw('gzip')).headers['content-encoding']).toBe('gzip');
    const none = await raw('');
    expect([none.headers['content-encoding'], none.body.toString()]).toEqual([undefined, 'console.log("dashboard")']);
    const identity = await raw('identity');
    expect([identity.headers['content-encoding'], identity.body.toString()]).toEqual([undefined, 'console.log("dashboard")']);
  });

  it('leaves the API, health and non-HTML requests alone', async () => {
    expect(await (await fetch(`${url}/health`, { headers: html })).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/graphql`, { headers: html })).json()).toEqual({ data: { graphql: true } });
    const json = await fetch(`${url}/skills`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    const post = await fetch(`${url}/`, { method: 'POST', headers: html });
    expect(post.status).toBe(404);
  });

  it('does not serve files outside the build', async () => {
    const response = await fetch(`${url}/assets/..%2f..%2fpackage.json`);
    expect(response.status).toBe(404);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const response = await fetch(`${url}/unbuilt/`, { headers: html });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
