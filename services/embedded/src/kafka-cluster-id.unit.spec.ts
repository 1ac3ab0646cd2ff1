import { describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The test Kafka's cluster id goes to `kafka-storage format -t <id>`; an id starting with '-' is read as an option
// and the format fails (a CI run hit it: one draw in 64 does).
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { randomClusterId } = (await import(join(root, 'deploy/kafka/kafka-server.mjs'))) as {
  randomClusterId(draw?: () => Buffer): string;
};

describe('the test Kafka cluster id', () => {
  it('draws again when the id would start with a dash', () => {
    const dashFirst = Buffer.alloc(16, 0xfb); // 111110.. → '-' in base64url
    const plain = Buffer.alloc(16, 0x01);
    const draws = [dashFirst, dashFirst, plain];
    const id = randomClusterId(() => draws.shift()!);
    expect(dashFirst.toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(plain.toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('is 16 bytes of base64url that never starts with a dash', () => {
    for (let i = 0; i < 5_000; i++) {
      const id = randomClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });
});
