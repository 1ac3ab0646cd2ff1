import pg from 'pg';

/** Held by exactly one process at a time; `lost` resolves if it is taken away (its connection died). */
export interface Lease {
  readonly name: string;
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Exclusive leases by name: one active instance per follower (projector, assessment, relay); the other
 * replicas wait in acquire() and take over when the holder releases its lease or dies.
 */
export interface Leases {
  /** Waits until the lease is held; resolves null if `cancelled` turns true first. */
  acquire(name: string, cancelled: () => boolean): Promise<Lease | null>;
  close(): Promise<void>;
}

export const LEASES = Symbol('Leases');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * One process holds everything (the embedded PGlite store): a lease is free unless this process holds
 * it, and goes to the next waiter on release. The same code path as the distributed leases.
 */
export class InProcessLeases implements Leases {
  private readonly held = new Set<string>();

  constructor(private readonly retryMs = 100) {}

  async acquire(name: string, cancelled: () => boolean): Promise<Lease | null> {
    while (this.held.has(name)) {
      if (cancelled()) return null;
      await sleep(this.retryMs);
    }
    if (cancelled()) return null;
    this.held.add(name);
    return { name, lost: new Promise<void>(() => {}), release: async () => void this.held.delete(name) };
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

/**
 * PostgreSQL session advisory locks on one dedicated connection (not a pooled one, whose session would
 * be shared). The lock lives as long as the connection: when the holder dies, even by kill -9, the
 * server ends its session and frees the lock, and a standby polling every `retryMs` takes it within
 * about that long. The holder checks its connection every `heartbeatMs`; if it drops (a restart, a
 * network cut the server noticed), every lease on it is lost: its follower stops, and asks again.
 */
export class PostgresAdvisoryLeases implements Leases {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly held = new Map<string, () => void>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly options: { retryMs?: number; heartbeatMs?: number } = {},
  ) {}

  async acquire(name: string, cancelled: () => boolean): Promise<Lease | null> {
    for (;;) {
      if (cancelled() || this.closed) return null;
      if (this.held.has(name)) {
        await sleep(this.options.retryMs ?? 1_000);
        continue;
      }
      try {
        const client = await this.connection();
        const got = (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [name])).rows[0]!.got;
        if (got) {
          if (cancelled()) {
            await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => undefined);
            return null;
          }
          let markLost!: () => void;
          const lost = new Promise<void>((resolve) => (markLost = resolve));
          this.held.set(name, markLost);
          return {
            name,
            lost,
            release: async () => {
              if (!this.held.delete(name)) return;
              await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => undefined);
            },
          };
        }
      } catch {
        // No database right now: try again after the pause, like a lease held elsewhere.
      }
      await sleep(this.options.retryMs ?? 1_000);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.held.clear();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true, keepAliveInitialDelayMillis: 5_000, application_name: 'skills-graph-leases' });
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      try {
        await client.connect();
      } catch (error) {
        this.connecting = undefined;
        throw error;
      }
      this.client = client;
      this.connecting = undefined;
      clearInterval(this.heartbeat);
      this.heartbeat = setInterval(() => {
        if (this.held.size > 0) client.query('SELECT 1').catch(() => this.drop(client));
      }, this.options.heartbeatMs ?? 2_000);
      this.heartbeat.unref();
      return client;
    })();
    return this.connecting;
  }

  /** The session is gone and with it every lock it held. */
  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    client.end().catch(() => undefined);
    const lost = [...this.held.values()];
    this.held.clear();
    lost.forEach((markLost) => markLost());
  }
}
