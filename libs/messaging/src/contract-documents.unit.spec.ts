import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { asyncApiDocument, schemaFiles } from './contract-documents.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('published contracts', () => {
  it.each(Object.entries(schemaFiles()))('libs/messaging/schemas/%s matches the code (npm run contracts:print)', (file, content) => {
    expect(readFileSync(join(repo, 'libs/messaging/schemas', file), 'utf8')).toBe(content);
  });

  it('docs/asyncapi.yaml matches the code (npm run contracts:print)', () => {
    expect(readFileSync(join(repo, 'docs/asyncapi.yaml'), 'utf8')).toBe(asyncApiDocument());
  });
});
