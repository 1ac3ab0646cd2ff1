import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM over the personal fields of one event. The authenticated data binds the ciphertext to
 * its subject and event id, so a sealed value cannot be moved to another event or person.
 */

/** The personal fields of a stored event, as they sit in its data under `$personal`. */
export interface SealedPersonalData {
  /** Schema of this envelope. */
  v: 1;
  /** Dotted paths of the sealed fields (names, never values). */
  fields: string[];
  /** 12-byte nonce, base64. */
  iv: string;
  /** Ciphertext followed by the 16-byte GCM tag, base64. */
  data: string;
}

export const sealedField = '$personal';

const aad = (subjectId: string, eventId: string) => Buffer.from(`${subjectId}\u0000${eventId.toLowerCase()}`);

export function seal(key: Buffer, subjectId: string, eventId: string, values: Record<string, unknown>): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(subjectId, eventId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { v: 1, fields: Object.keys(values), iv: iv.toString('base64'), data: ciphertext.toString('base64') };
}

export function unseal(key: Buffer, subjectId: string, eventId: string, sealed: SealedPersonalData): Record<string, unknown> {
  const bytes = Buffer.from(sealed.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(subjectId, eventId));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
}

export function isSealed(value: unknown): value is SealedPersonalData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SealedPersonalData>;
  return v.v === 1 && Array.isArray(v.fields) && typeof v.iv === 'string' && typeof v.data === 'string';
}
