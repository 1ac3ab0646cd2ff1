import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, type Response } from 'express';

/** Where `npm run build` puts the directors' dashboard (services/dashboard/dist), from this file in src/ or dist/. */
export const defaultDashboardDir = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

/** Paths that belong to the API and the operators, never to the dashboard. */
const reservedPath = /^\/(graphql|health|ready|metrics)(\/|$)/;

/** Hashed build output (assets/<name>-<hash>.<ext>): a new build gets new names, so a cached copy never goes stale. */
export const immutableAssets = 'public, max-age=31536000, immutable';

/**
 * The page itself may change with every build: browsers ask again each time (ETag answers 304 when unchanged).
 * The policy keeps the dashboard on this origin: scripts, styles, data and fonts from here only (no CDN).
 */
const pageHeaders = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function setFileHeaders(res: Response, path: string, dir: string): void {
  const relative = path.slice(dir.length).replace(/\\/g, '/');
  res.setHeader('x-content-type-options', 'nosniff');
  if (relative.startsWith('/assets/')) res.setHeader('cache-control', immutableAssets).setHeader('vary', 'accept-encoding');
  else if (relative === '/index.html') res.set(pageHeaders);
  else res.setHeader('cache-control', 'no-cache');
}

/**
 * A hashed asset's Brotli or gzip copy (made by the dashboard's build) when the browser accepts it: the bytes
 * go out compressed without compressing them per request.
 */
function precompressed(dir: string): RequestHandler {
  return (req, res, next) => {
    // No Accept-Encoding at all (curl, say) gets the file as it is, though HTTP would allow any encoding.
    if (!req.path.startsWith('/assets/') || !req.headers['accept-encoding']) return next();
    let file: string;
    try {
      file = resolve(dir, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next();
    }
    if (!file.startsWith(`${dir}${sep}`)) return next();
    // Brotli when accepted at all (smaller), else gzip; browsers list gzip first with the same weight.
    const encoding = req.acceptsEncodings('br') === 'br' && existsSync(`${file}.br`) ? 'br' : req.acceptsEncodings('gzip') === 'gzip' && existsSync(`${file}.gz`) ? 'gzip' : null;
    if (!encoding || !existsSync(file)) return next();
    res.type(extname(file)).set({ 'content-encoding': encoding, vary: 'accept-encoding', 'cache-control': immutableAssets, 'x-content-type-options': 'nosniff' });
    res.sendFile(`${file}.${encoding === 'br' ? 'br' : 'gz'}`, { cacheControl: false, dotfiles: 'deny' }, (error) => error && next(error));
  };
}

/**
 * Serves the directors' dashboard (a single-page app built to static files) at `/`: its files as they are,
 * and index.html for the app's own paths (`/`, `/skills`, `/engineers/eng-0211`, …) so every view has an
 * address that can be shared. Only GET and HEAD from a browser asking for HTML get the page; the API's and the
 * operators' paths (/graphql, /health, /ready, /metrics) are never answered here. When the dashboard is not
 * built, `/` says how to build it (503).
 */
export function dashboardHandlers(options: { dir?: string } = {}): RequestHandler[] {
  const dir = resolve(options.dir ?? defaultDashboardDir);
  const files = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    dotfiles: 'ignore',
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (res, path) => setFileHeaders(res, path, dir),
  });
  const page: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (reservedPath.test(req.path) || req.path.startsWith('/assets/') || extname(req.path) !== '') return next();
    if (!req.accepts('html')) return next();
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).set({ 'cache-control': 'no-store', 'retry-after': '30' }).type('text/plain').send('The dashboard is not built yet: run `npm run build` (or `node services/dashboard/build.mjs`) and reload.\n');
      return;
    }
    res.status(200).set(pageHeaders).type('html').send(readFileSync(index));
  };
  const compressed = precompressed(dir);
  const assets: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reservedPath.test(req.path)) return next();
    compressed(req, res, (error?: unknown) => (error ? next(error) : files(req, res, next)));
  };
  return [assets, page];
}
