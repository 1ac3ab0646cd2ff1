import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { PersonalDataKeys } from '../personal-data/personal-data-keys.port.js';

export interface PersonalDataKeysFixture {
  keys: PersonalDataKeys;
  /** Opens the key store again on the same storage. */
  reopen(): Promise<PersonalDataKeys>;
  dispose(): Promise<void>;
}

/** The behaviour every personal-data key store must share. */
export function describePersonalDataKeysContract(adapterName: string, createFixture: () => Promise<PersonalDataKeysFixture>): void {
  describe(`PersonalDataKeys contract: ${adapterName}`, () => {
    let fixture: PersonalDataKeysFixture;
    let keys: PersonalDataKeys;
    const subject = () => `eng-${randomUUID()}`;

    beforeAll(async () => {
      fixture = await createFixture();
      keys = fixture.keys;
    }, 60_000);
    afterAll(async () => fixture?.dispose(), 60_000);

    it('creates a 256-bit key on first use and gives the same key afterwards, also after a reopen', async () => {
      const id = subject();
      const key = await keys.getOrCreate(id);
      expect(key).toBeInstanceOf(Buffer);
      expect(key!.length).toBe(32);
      expect(await keys.getOrCreate(id)).toEqual(key);
      expect((await keys.get([id])).get(id)).toEqual(key);
      expect((await (await fixture.reopen()).get([id])).get(id)).toEqual(key);
      expect(await keys.getOrCreate(subject())).not.toEqual(key);
    });

    it('hands one key to concurrent first users', async () => {
      const id = subject();
      const all = await Promise.all(Array.from({ length: 8 }, () => keys.getOrCreate(id)));
      expect(new Set(all.map((k) => k!.toString('hex'))).size).toBe(1);
    });

    it('tells keys, erased subjects and subjects without a key apart, in one call', async () => {
      const [kept, erased, unknown] = [subject(), subject(), subject()];
      const key = await keys.getOrCreate(kept);
      await keys.getOrCreate(erased);
      await keys.erase(erased);
      const found = await keys.get([kept, erased, unknown, kept]);
      expect(found.get(kept)).toEqual(key);
      expect(found.has(erased)).toBe(true);
      expect(found.get(erased)).toBeNull();
      expect(found.has(unknown)).toBe(false);
      expect((await keys.get([])).size).toBe(0);
    });

    it('erases once: the key is gone for good and never made again; erasing again changes nothing', async () => {
      const id = subject();
      await keys.getOrCreate(id);
      expect(await keys.erase(id)).toBe(true);
      expect(await keys.erase(id)).toBe(false);
      expect(await keys.getOrCreate(id)).toBeNull();
      expect((await (await fixture.reopen()).get([id])).get(id)).toBeNull();
    });

    it('erases a subject that never had a key (their data was stored before encryption), and makes none afterwards', async () => {
      const id = subject();
      expect(await keys.erase(id)).toBe(true);
      expect(await keys.getOrCreate(id)).toBeNull();
    });

    it('never creates a key for a subject erased concurrently with its first use', async () => {
      const id = subject();
      const [created] = await Promise.all([keys.getOrCreate(id), keys.erase(id)]);
      // Whichever came first, the subject ends erased: a key handed out just before is gone too.
      expect((await keys.get([id])).get(id)).toBeNull();
      expect(created === null || created.length === 32).toBe(true);
    });
  });
}
