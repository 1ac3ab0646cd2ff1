import { z } from 'zod';

// What the people mutations and an HR export may carry, validated at the edge.

export const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  // zod runs this check after a failed regex too: an empty or impossible date must not reach toISOString (RangeError).
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, 'not a real calendar date');
export const personId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "expected letters, digits, '.', '_', ':' or '-' (at most 100, no spaces)");
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const email = z.string().trim().pipe(z.email('expected an e-mail address').max(254, 'at most 254 characters'));
/** Optional values: absent, null and an empty cell all mean "none". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), schema.nullable());
const idempotencyKey = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').nullish();

export const recordJoinerInput = z.object({
  engineerId: personId,
  name: text(200),
  email,
  title: text(200),
  teamId: personId,
  teamName: text(200),
  managerId: optional(personId),
  joinedOn: isoDay,
  idempotencyKey,
});

export const recordMoverInput = z.object({
  engineerId: personId,
  teamId: personId,
  teamName: text(200),
  managerId: optional(personId),
  title: optional(text(200)),
  movedOn: isoDay,
  idempotencyKey,
});

export const recordLeaverInput = z.object({ engineerId: personId, leftOn: isoDay, idempotencyKey });

export const maxPeopleFileBytes = 2_000_000;
export const maxPeopleFileRows = 5_000;

export const importPeopleInput = z.object({
  format: z.enum(['CSV', 'JSON']),
  content: z.string().min(1, 'the file is empty').max(maxPeopleFileBytes, 'at most 2 MB; split the file'),
  dryRun: z.boolean().default(false),
});

/** The columns of an HR export (CSV header names, JSON keys). */
export const requiredColumns = ['employeeId', 'name', 'email', 'title', 'teamId', 'teamName', 'managerId', 'startDate'] as const;
export const optionalColumns = ['leftOn', 'movedOn'] as const;

/** One person of an HR export. Unknown columns are ignored (with a warning). */
export const peopleRow = z.object({
  employeeId: personId,
  name: text(200),
  email,
  title: text(200),
  teamId: personId,
  teamName: text(200),
  managerId: optional(personId),
  startDate: isoDay,
  leftOn: optional(isoDay),
  movedOn: optional(isoDay),
});
