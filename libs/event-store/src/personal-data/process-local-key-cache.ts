import type { PersonalDataKeys } from './personal-data-keys.port.js';

/**
 * Personal-data keys remembered in this process in front of the key store, for a key store that only this
 * process uses: the embedded product, which owns its data folder, so every erasure passes through here.
 * Never put it in front of a key store that several processes share: an erasure by another process would not
 * reach this memory, and the erased person's data would still be revealed here.
 *
 * Without it, every read of a sealed event asks the database for its subject's key (measured: 7 of the 23
 * statements a `submitEvidence` costs the embedded product were key lookups).
 *
 * An erasure here forgets the key at once. A lookup that was already under way when an erasure began does not
 * store what it found (it may be the key just deleted); only lookups begun after the last erasure are kept.
 */
export class ProcessLocalKeyCache implements PersonalDataKeys {
  private readonly keys = new Map<string, Buffer | null>();
  /** Counts erasures begun; a lookup keeps its answer only when none began while it ran. */
  private erasures = 0;

  constructor(
    private readonly inner: PersonalDataKeys,
    private readonly maxEntries = 100_000,
  ) {}

  async getOrCreate(subjectId: string): Promise<Buffer | null> {
    if (this.keys.has(subjectId)) return this.keys.get(subjectId)!;
    const epoch = this.erasures;
    const key = await this.inner.getOrCreate(subjectId);
    if (epoch === this.erasures) this.remember(subjectId, key);
    return key;
  }

  async get(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const found = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const id of subjectIds) {
      if (this.keys.has(id)) found.set(id, this.keys.get(id)!);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const epoch = this.erasures;
    const looked = await this.inner.get(missing);
    const keep = epoch === this.erasures;
    for (const [id, key] of looked) {
      found.set(id, key);
      // A subject without a key is not remembered: a key may be made for them later.
      if (keep) this.remember(id, key);
    }
    return found;
  }

  async erase(subjectId: string): Promise<boolean> {
    this.erasures += 1;
    this.keys.delete(subjectId);
    const erasedNow = await this.inner.erase(subjectId);
    this.erasures += 1; // lookups that began while the key was being deleted keep nothing either
    this.keys.delete(subjectId);
    return erasedNow;
  }

  private remember(subjectId: string, key: Buffer | null): void {
    if (this.keys.size >= this.maxEntries) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(subjectId, key);
  }
}
