import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedSchema } from '../graphql-gateway.js';

describe('committed GraphQL schema', () => {
  it('matches the schema the code serves (regenerate with npm run schema:print)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(printedSchema()).toBe(committed);
  });
});
