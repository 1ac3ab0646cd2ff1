// A throw-away database on the test PostgreSQL (POSTGRES_ADMIN_URL or 127.0.0.1:5432) for one benchmark.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(prefix) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // Closed pools may still be hanging up; forcing them off now would reach a client that already
      // let go of its error handler (and crash this process), so give them a few seconds first.
      for (let waited = 0; waited < 5_000; waited += 100) {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]).finally(() => client.end());
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
