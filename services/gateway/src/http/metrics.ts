import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { register } from 'prom-client';
import { CONFIG, type SkillsGraphConfig } from '@skills-graph/config';
import { sendNodeError } from './graphql-request-listener.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * Prometheus metrics on the main port, at /metrics:
 * - with METRICS_TOKEN set: only with `Authorization: Bearer <METRICS_TOKEN>` (401 UNAUTHENTICATED otherwise);
 * - without it: open in AUTH_MODE=demo (unless METRICS_PORT moves them to their own port), not served in jwt mode (404).
 * /health and /ready stay open.
 */
@Controller()
export class MetricsController {
  constructor(@Inject(CONFIG) private readonly config: SkillsGraphConfig) {}

  @Get('metrics')
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      if (!hasMetricsToken(req.headers.authorization, token)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return sendNodeError(res, 401, 'UNAUTHENTICATED', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
    } else if (this.config.AUTH_MODE !== 'demo' || this.config.METRICS_PORT !== undefined) {
      return sendNodeError(res, 404, 'NOT_FOUND', 'Metrics are not served on this port');
    }
    res.type(register.contentType).send(await register.metrics());
  }
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** Metrics on their own port (METRICS_PORT on METRICS_HOST, loopback by default), for a scraper inside the network only. */
export async function startMetricsServer(host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Only GET /metrics is served here', extensions: { code: 'NOT_FOUND' } }] }));
      return;
    }
    register.metrics().then(
      (text) => res.writeHead(200, { 'content-type': register.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
