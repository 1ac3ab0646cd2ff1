import { z } from 'zod';
import type { AuditTrailQuery } from '@skills-graph/contracts';
import type { AuditEntry, AuditSubject } from '@skills-graph/domain';
import { GatewayError } from '../../errors/gateway-error.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';

/**
 * auditTrail: who did what, when and why, for one engineer, evidence item or framework. Admins only.
 * Read from the event log through the AuditTrailQuery port (in-process in the embedded host), never from
 * the read model, so it shows what was recorded, including what the graph no longer shows.
 */
export const auditTrailRoles = ['admin'] as const;

const id = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const subjectFields = ['engineerId', 'evidenceId', 'frameworkId'] as const;

const cursorPrefix = 'audit:';
export const encodeAuditCursor = (position: string) => Buffer.from(`${cursorPrefix}${position}`).toString('base64url');
function decodeAuditCursor(cursor: string): bigint | null {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const position = decoded.startsWith(cursorPrefix) ? decoded.slice(cursorPrefix.length) : '';
  return /^\d{1,19}$/.test(position) ? BigInt(position) : null;
}

export const auditTrailInput = z
  .object({
    engineerId: id.nullish(),
    evidenceId: id.nullish(),
    frameworkId: id.nullish(),
    first: z.number().int('must be a whole number').min(1, 'at least 1').max(100, 'at most 100').default(50),
    after: z.string().max(100, 'is not a cursor of this query').nullish(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const given = subjectFields.filter((field) => input[field] != null);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[1] ?? 'engineerId'],
        message: given.length === 0 ? 'name one subject: engineerId, evidenceId or frameworkId' : `name only one subject (got ${given.join(', ')})`,
      });
    }
    if (input.after != null && decodeAuditCursor(input.after) === null) ctx.addIssue({ code: 'custom', path: ['after'], message: 'is not a cursor of this query' });
  })
  .transform((input) => {
    const subject: AuditSubject =
      input.engineerId != null
        ? { kind: 'engineer', id: input.engineerId }
        : input.evidenceId != null
          ? { kind: 'evidence', id: input.evidenceId }
          : { kind: 'framework', id: input.frameworkId! };
    return { subject, first: input.first, after: input.after == null ? 0n : decodeAuditCursor(input.after)! };
  });

/** The arguments, checked: BAD_USER_INPUT naming the argument at fault. */
export function parseAuditTrailArgs(args: unknown) {
  const result = auditTrailInput.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'engineerId';
  throw new GatewayError('BAD_USER_INPUT', `${field}: ${issue.message}`, field);
}

/** Signed in (UNAUTHENTICATED) with the admin role (FORBIDDEN). */
export function requireAuditor(context: GatewayContext): void {
  if (!context.actor) throw new GatewayError('UNAUTHENTICATED', 'Sign in to read the audit trail: send a Bearer token (or x-actor-id in demo mode)');
  if (!context.actor.roles.some((role) => (auditTrailRoles as readonly string[]).includes(role))) {
    throw new GatewayError('FORBIDDEN', `Only ${auditTrailRoles.join(' or ')} may read the audit trail`, 'actor');
  }
}

const isEngineerId = (actorId: string) => !/^(system|hris):/.test(actorId);

export function auditTrailResolvers(deps: { auditTrail?: AuditTrailQuery }) {
  return {
    Query: {
      async auditTrail(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        requireAuditor(context);
        const { subject, first, after } = parseAuditTrailArgs(args);
        if (!deps.auditTrail) throw new GatewayError('NOT_FOUND', 'This gateway has no audit trail: it runs without access to the event log');
        const page = await deps.auditTrail.read(subject, { after, first });
        const last = page.entries.at(-1);
        return {
          subjectKind: subject.kind.toUpperCase(),
          subjectId: subject.id,
          nodes: page.entries,
          edges: page.entries.map((node) => ({ node, cursor: encodeAuditCursor(node.position) })),
          pageInfo: { endCursor: last ? encodeAuditCursor(last.position) : null, hasNextPage: page.hasNextPage },
        };
      },
    },
    /** The use case's own types, spread into createResolvers beside Query. */
    types: {
      AuditEvent: {
        stream: (entry: AuditEntry) => entry.streamName,
        actor: (entry: AuditEntry) => ({ id: entry.actorId, roles: entry.actorRoles }),
      },
      AuditActor: {
        engineer: (actor: { id: string }, _: unknown, context: GatewayContext) => (isEngineerId(actor.id) ? context.loaders.engineer.load(actor.id) : null),
      },
    },
  };
}
