import { z } from 'zod';
import { evidenceKinds } from '@skills-graph/domain';
import { GatewayError } from '../errors/gateway-error.js';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'not a real calendar date');
const id = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export const importFrameworkInput = z.object({
  frameworkId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes (at most 63)'),
  format: z.enum(['AUTO', 'JSON', 'YAML', 'FRONTMATTER', 'MARKDOWN', 'TEXT']),
  content: z.string().min(1, 'the file is empty').max(2_000_000, 'at most 2 MB'),
  publish: z.boolean(),
  confirmRetirements: z.boolean().default(false),
});

export const registerSkillInput = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes (at most 63)'),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  aliases: z.array(z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters')).max(20, 'at most 20 aliases'),
});

export const submitEvidenceInput = z.object({
  id: z.uuid('expected a UUID').nullish(),
  engineerId: id,
  frameworkId: id.nullish(),
  kind: z.enum(['PULL_REQUEST', 'RFC', 'INCIDENT', 'DESIGN', 'TALK', 'MENTORING', 'REVIEW']),
  title: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2_000).nullish(),
  date: isoDay,
  projectId: id.nullish(),
  skills: z.array(z.string().trim().min(1, 'must not be empty')).max(20, 'at most 20 skills'),
  behaviourIds: z.array(id).min(1, 'claim at least one behaviour').max(30, 'at most 30 behaviours'),
});

/** A day (read as its end, UTC) or an ISO instant, as the ISO instant that levels are compared with. */
export const asOfInstant = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), 'expected YYYY-MM-DD or an ISO-8601 instant')
  .transform((v) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v).toISOString());

/**
 * `asOf` for levels: an instant that has happened. Levels are known up to now; a future instant is refused
 * (what the levels will be depends on evidence not yet approved), except that today's date means now.
 */
export function pastInstant(value: unknown, field: string, now: Date): string {
  const instant = parseInput(asOfInstant, value, field);
  if (Date.parse(instant) <= now.getTime()) return instant;
  if (typeof value === 'string' && value.trim() === now.toISOString().slice(0, 10)) return now.toISOString();
  throw new GatewayError('BAD_USER_INPUT', `${field} is in the future (${instant}); levels are known up to now (${now.toISOString()})`, field);
}

export const rejectionReason = z.string().trim().min(1, 'a rejection needs a reason').max(2_000, 'at most 2000 characters');

/** Parses input at the edge; the first problem becomes a BAD_USER_INPUT error naming the field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [root, ...issue.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  throw new GatewayError('BAD_USER_INPUT', `${field}: ${issue.message}`, field);
}

/** GraphQL enum value (PULL_REQUEST) → domain value (pull-request). */
export function toEvidenceKind(kind: z.infer<typeof submitEvidenceInput>['kind']): (typeof evidenceKinds)[number] {
  return kind.toLowerCase().replace(/_/g, '-') as (typeof evidenceKinds)[number];
}
