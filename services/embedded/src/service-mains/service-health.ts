import { Controller, Get, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';

/** One dependency or component a service needs to serve: `up`, `down`, or `standby` (a follower waiting for its lease). */
export type CheckStatus = 'up' | 'down' | 'standby' | 'starting';

export interface HealthReport {
  status: 'ready' | 'not-ready';
  service: string;
  checks: Record<string, { status: CheckStatus; detail?: string }>;
}

export const SERVICE_NAME = Symbol('ServiceName');

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * The readiness of one service process: a check per dependency it needs (PostgreSQL, Neo4j, Kafka) and
 * per component it runs (its log follower, its Kafka consumers). Ready when none is down or starting: a
 * follower in standby (another replica holds its lease) counts as ready, since it serves no traffic and
 * takes over by itself.
 */
@Injectable()
export class ServiceHealth {
  private readonly checks = new Map<string, () => Promise<{ status: CheckStatus; detail?: string }> | { status: CheckStatus; detail?: string }>();

  constructor(@Inject(SERVICE_NAME) readonly service: string) {}

  register(name: string, check: () => Promise<{ status: CheckStatus; detail?: string }> | { status: CheckStatus; detail?: string }): void {
    this.checks.set(name, check);
  }

  /** A dependency answering within the timeout is up. */
  registerDependency(name: string, probe: () => Promise<unknown>, timeoutMs = 2_000): void {
    this.register(name, async () => {
      try {
        await withTimeout(probe(), timeoutMs);
        return { status: 'up' };
      } catch (error) {
        return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
      }
    });
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await check()] as const));
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, result]) => result.status === 'up' || result.status === 'standby');
    return { status: ready ? 'ready' : 'not-ready', service: this.service, checks };
  }
}

/** Liveness answers whatever the dependencies do; readiness reports each check (503 when one fails). */
@Controller()
export class ServiceHealthController {
  constructor(private readonly health: ServiceHealth) {}

  @Get('health')
  live() {
    return { status: 'ok', service: this.health.service };
  }

  @Get('ready')
  async ready() {
    const report = await this.health.report();
    if (report.status !== 'ready') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

/** The same report on every service, the gateway included (whose /health and /ready come from the gateway module). */
@Controller()
export class HealthChecksController {
  constructor(private readonly health: ServiceHealth) {}

  @Get('health/checks')
  async checks() {
    return this.health.report();
  }
}
