import { Controller, Get, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DependencyStatus, UnavailableDependency } from '@skills-graph/gateway';

/** One dependency or component a service needs to serve: `up`, `down`, or `standby` (a follower waiting for its lease). */
export type CheckStatus = 'up' | 'down' | 'standby' | 'starting';

export interface HealthReport {
  status: 'ready' | 'not-ready';
  service: string;
  checks: Record<string, { status: CheckStatus; detail?: string }>;
}

export const SERVICE_NAME = Symbol('ServiceName');

/** Where state changes are told: pino in the product (one line per change). */
export interface HealthLog {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
};

type Check = () => Promise<{ status: CheckStatus; detail?: string }> | { status: CheckStatus; detail?: string };

interface Registered {
  check: Check;
  /** A dependency (Kafka, Neo4j, the event store): its losses and returns are logged here, once each. */
  dependency: boolean;
  /** A mutation cannot succeed while it is down: the gateway refuses mutations at once meanwhile. */
  neededByMutations: boolean;
}

/**
 * The readiness of one service process: a check per dependency it needs (PostgreSQL, Neo4j, Kafka) and
 * per component it runs (its log follower, its Kafka consumers). Ready when none is down or starting: a
 * follower in standby (another replica holds its lease) counts as ready, since it serves no traffic and
 * takes over by itself. Every report remembers each check's status; a dependency that goes down or comes
 * back is logged once, with the reason and how long it was away (watch() probes in the background, so
 * this happens whether or not anyone asks /ready).
 */
@Injectable()
export class ServiceHealth implements DependencyStatus {
  private readonly checks = new Map<string, Registered>();
  private readonly last = new Map<string, { status: CheckStatus; detail?: string; since: number }>();
  private log: HealthLog | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probeTimeoutMs = 2_000;

  constructor(@Inject(SERVICE_NAME) readonly service: string) {}

  register(name: string, check: Check, options: { dependency?: boolean; neededByMutations?: boolean } = {}): void {
    this.checks.set(name, { check, dependency: options.dependency ?? false, neededByMutations: options.neededByMutations ?? false });
  }

  /** A dependency answering within the timeout (DEPENDENCY_CHECK_TIMEOUT_MS) is up. */
  registerDependency(name: string, probe: () => Promise<unknown>, options: { timeoutMs?: number; neededByMutations?: boolean } = {}): void {
    this.register(
      name,
      async () => {
        try {
          await withTimeout(probe(), options.timeoutMs ?? this.probeTimeoutMs);
          return { status: 'up' };
        } catch (error) {
          return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
        }
      },
      { dependency: true, neededByMutations: options.neededByMutations ?? true },
    );
  }

  /** Probes every check each `intervalMs` in the background, logging each dependency's change once. */
  watch(log: HealthLog, options: { intervalMs: number; probeTimeoutMs: number }): void {
    this.log = log;
    this.probeTimeoutMs = options.probeTimeoutMs;
    this.unwatch();
    let probing = false;
    this.timer = setInterval(() => {
      if (probing) return;
      probing = true;
      void this.report()
        .catch(() => undefined)
        .finally(() => (probing = false));
    }, options.intervalMs);
    this.timer.unref();
  }

  unwatch(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, registered]) => [name, await registered.check()] as const));
    for (const [name, result] of entries) this.remember(name, result);
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, result]) => result.status === 'up' || result.status === 'standby');
    return { status: ready ? 'ready' : 'not-ready', service: this.service, checks };
  }

  /** Dependencies a mutation needs that the last probe found down (none before the first probe). */
  unavailableForMutations(): UnavailableDependency[] {
    return [...this.checks]
      .filter(([name, registered]) => registered.neededByMutations && this.last.get(name)?.status === 'down')
      .map(([name]) => ({ dependency: name, detail: this.last.get(name)?.detail ?? 'down' }));
  }

  private remember(name: string, result: { status: CheckStatus; detail?: string }): void {
    const before = this.last.get(name);
    const now = Date.now();
    if (before?.status === result.status) return;
    this.last.set(name, { ...result, since: now });
    if (!this.checks.get(name)?.dependency || !this.log) return;
    if (result.status === 'down') this.log.warn({ dependency: name, reason: result.detail ?? null }, `${name} lost: ${result.detail ?? 'down'}`);
    else if (result.status === 'up' && before?.status === 'down') this.log.info({ dependency: name, downMs: now - before.since }, `${name} is back after ${((now - before.since) / 1000).toFixed(1)} s`);
  }
}

/** The checks that are not up, with their details: why /ready says no. */
export function notUp(report: { checks: Record<string, { status: string; detail?: string }> }): string {
  return Object.entries(report.checks)
    .filter(([, c]) => c.status !== 'up' && c.status !== 'standby')
    .map(([name, c]) => `${name} ${c.status}${c.detail ? ` (${c.detail})` : ''}`)
    .join('; ');
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
