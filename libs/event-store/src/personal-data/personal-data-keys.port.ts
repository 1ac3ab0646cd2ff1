/**
 * Where the per-person keys that encrypt personal data in the log are kept (crypto-shredding): erasing
 * a person deletes their key, and with it every copy of their personal data, wherever the encrypted
 * events went. Adapters: SqlPersonalDataKeys (PostgreSQL and the embedded PGlite, a table beside the
 * events); all pass testing/personal-data-keys.contract.ts.
 */
export interface PersonalDataKeys {
  /** The subject's key, created on first use; null once the subject is erased (no key is made again). */
  getOrCreate(subjectId: string): Promise<Buffer | null>;
  /**
   * Keys of several subjects at once: a key, null for an erased subject, and no entry for a subject that
   * never had a key (their events, if any, were stored before encryption: see docs/erasure.md).
   */
  get(subjectIds: readonly string[]): Promise<Map<string, Buffer | null>>;
  /** Deletes the subject's key and remembers the erasure; true when this call erased, false when it already was. */
  erase(subjectId: string): Promise<boolean>;
}

export const PERSONAL_DATA_KEYS = Symbol('PersonalDataKeys');
