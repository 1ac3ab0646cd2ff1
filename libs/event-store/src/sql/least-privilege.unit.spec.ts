import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writerGrants } from './least-privilege.sql.js';

describe('the least-privilege grants documented in docs/audit.md', () => {
  it('are the ones writerGrants gives (and the PostgreSQL test applies)', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'audit.md'), 'utf8');
    const block = /```sql\n([\s\S]*?)```/.exec(doc)![1]!;
    const statements = block.split('\n').filter((line) => /^(GRANT|REVOKE) /.test(line)).map((line) => line.replace(/;$/, ''));
    expect(statements.filter((s) => !s.startsWith('REVOKE CREATE ON SCHEMA'))).toEqual(writerGrants('skills_graph_app'));
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() => writerGrants('app; DROP TABLE sg_events')).toThrow(/plain lower-case SQL identifiers/);
  });
});
