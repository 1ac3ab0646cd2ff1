import { describe, expect, it } from '@jest/globals';
import { ServiceHealth, notUp } from './service-health.js';

const recorder = () => {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    log: {
      warn: (details: Record<string, unknown>, message: string) => lines.push({ level: 'warn', details, message }),
      info: (details: Record<string, unknown>, message: string) => lines.push({ level: 'info', details, message }),
    },
  };
};

describe('ServiceHealth', () => {
  it('Given a dependency that goes down and comes back, Then one line when lost (with the reason) and one when back, however often it is probed', async () => {
    let up = true;
    const health = new ServiceHealth('gateway');
    const { lines, log } = recorder();
    health.registerDependency('neo4j', async () => {
      if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:7687');
    });
    health.watch(log, { intervalMs: 60_000, probeTimeoutMs: 100 });
    expect((await health.report()).status).toBe('ready');
    up = false;
    for (let i = 0; i < 3; i += 1) expect((await health.report()).status).toBe('not-ready');
    expect(health.unavailableForMutations()).toEqual([{ dependency: 'neo4j', detail: 'connect ECONNREFUSED 127.0.0.1:7687' }]);
    up = true;
    for (let i = 0; i < 3; i += 1) expect((await health.report()).status).toBe('ready');
    health.unwatch();
    expect(lines.map((l) => [l.level, l.message.replace(/[\d.]+ s$/, 'N s')])).toEqual([
      ['warn', 'neo4j lost: connect ECONNREFUSED 127.0.0.1:7687'],
      ['info', 'neo4j is back after N s'],
    ]);
    expect(lines[0]!.details).toEqual({ dependency: 'neo4j', reason: 'connect ECONNREFUSED 127.0.0.1:7687' });
    expect(health.unavailableForMutations()).toEqual([]);
  });

  it('Given a probe that never answers, Then down within the probe timeout; a dependency not needed by mutations never refuses them', async () => {
    const health = new ServiceHealth('embedded');
    health.watch(recorder().log, { intervalMs: 60_000, probeTimeoutMs: 50 });
    health.registerDependency('kafka', () => new Promise(() => undefined), { neededByMutations: false });
    const report = await health.report();
    health.unwatch();
    expect(report.checks['kafka']).toEqual({ status: 'down', detail: 'no answer within 50 ms' });
    expect(notUp(report)).toBe('kafka down (no answer within 50 ms)');
    expect(health.unavailableForMutations()).toEqual([]);
  });

  it('Given a consumer check, Then readiness follows it without a dependency line (the consumer logs its own stops)', async () => {
    let status: 'up' | 'down' = 'up';
    const health = new ServiceHealth('people');
    const { lines, log } = recorder();
    health.watch(log, { intervalMs: 60_000, probeTimeoutMs: 100 });
    health.register('hris-consumer', () => ({ status, detail: status === 'down' ? 'stopped (broker away)' : 'consuming' }));
    expect((await health.report()).status).toBe('ready');
    status = 'down';
    expect((await health.report()).status).toBe('not-ready');
    health.unwatch();
    expect(lines).toEqual([]);
  });
});
