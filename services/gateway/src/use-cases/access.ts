import type { CommandMeta } from '@skills-graph/contracts';
import {
  canReadDirectory,
  canReadEmail,
  canReadEvidence,
  canReadLevels,
  isCurrentAt,
  isServicePrincipal,
  levelSearchScope,
  mayCall,
  viewerOf,
  type LevelSearchScope,
  type MutationName,
  type Subject,
  type Viewer,
} from '@skills-graph/domain';
import type { EngineerView, EvidenceView } from '@skills-graph/read-model';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayContext } from '../resolvers/resolvers.js';

/**
 * The access policy (libs/domain access/access-policy.ts) applied to a request: the viewer is worked out
 * once per request from the actor and the read model, a subject's managers up the line through the
 * request's DataLoaders. Every use case asks here; docs/access-policy.md is the table.
 */
export interface Access {
  /** Who reads: anonymous, the demo visitor, an engineer, a service principal or unrecognised. */
  viewer(context: GatewayContext): Promise<Viewer>;
  /** The viewer, when they may read at all: UNAUTHENTICATED without credentials in jwt mode, FORBIDDEN when unrecognised. */
  reader(context: GatewayContext): Promise<Viewer>;
  /** An engineer with their managers up the line (direct manager first), as the read model has it now. */
  subject(context: GatewayContext, engineerId: string): Promise<Subject>;
  mayReadEmail(context: GatewayContext, engineerId: string): Promise<boolean>;
  mayReadLevels(context: GatewayContext, engineerId: string): Promise<boolean>;
  mayReadEvidence(context: GatewayContext, evidence: EvidenceView): Promise<boolean>;
  /** The items of a list the viewer may read, in order; the others are left out. */
  visibleEvidence(context: GatewayContext, items: readonly EvidenceView[]): Promise<EvidenceView[]>;
  /** Whom a search by level or skill may match: everyone, the viewer's reporting line, or nobody (the answer is empty). */
  levelSearch(context: GatewayContext): Promise<LevelSearchScope>;
  /** The command metadata for a mutation the viewer may call; UNAUTHENTICATED or FORBIDDEN otherwise. */
  authorise(context: GatewayContext, mutation: MutationName): Promise<CommandMeta>;
}

export interface AccessOptions {
  /** demo: a request without x-actor-id reads as the demo visitor, and an x-actor-id that is no engineer acts as a service principal. */
  authMode: 'demo' | 'jwt';
  now: () => Date;
}

/** The reporting line is walked at most this far up (a cycle in HR data must not loop). */
const maxLineDepth = 64;

export function createAccess(options: AccessOptions): Access {
  const viewers = new WeakMap<GatewayContext, Promise<Viewer>>();
  const subjects = new WeakMap<GatewayContext, Map<string, Promise<Subject>>>();

  const identify = async (context: GatewayContext): Promise<Viewer> => {
    const actor = context.actor;
    if (!actor) return viewerOf(options.authMode === 'demo' ? 'demo-visitor' : 'anonymous', null);
    if (isServicePrincipal(actor.id)) return viewerOf('service', actor.id, actor.roles);
    const record = await context.loaders.engineer.load(actor.id);
    if (record) return viewerOf(isCurrentAt(record, options.now().toISOString()) ? 'engineer' : 'unrecognised', actor.id, actor.roles);
    // The demo's x-actor-id may name anyone (fw-owner, hr-bot): outside the organisation, roles only.
    return viewerOf(options.authMode === 'demo' ? 'service' : 'unrecognised', actor.id, actor.roles);
  };

  const access: Access = {
    viewer(context) {
      const known = viewers.get(context);
      if (known) return known;
      const viewer = identify(context);
      viewers.set(context, viewer);
      return viewer;
    },

    async reader(context) {
      const viewer = await access.viewer(context);
      if (canReadDirectory(viewer)) return viewer;
      if (viewer.kind === 'anonymous') throw new GatewayError('UNAUTHENTICATED', 'Sign in to read anything: send a Bearer token', 'authorization');
      throw new GatewayError('FORBIDDEN', `'${viewer.id}' is neither a current engineer nor a service principal (svc:<name>): it may read nothing`, 'authorization');
    },

    subject(context, engineerId) {
      const cache = subjects.get(context) ?? subjects.set(context, new Map()).get(context)!;
      const known = cache.get(engineerId);
      if (known) return known;
      const subject = (async (): Promise<Subject> => {
        const managers: string[] = [];
        let current: EngineerView | null = await context.loaders.engineer.load(engineerId);
        while (current?.managerId && managers.length < maxLineDepth && !managers.includes(current.managerId) && current.managerId !== engineerId) {
          managers.push(current.managerId);
          current = await context.loaders.engineer.load(current.managerId);
        }
        return { engineerId, managersUpTheLine: managers };
      })();
      cache.set(engineerId, subject);
      return subject;
    },

    async mayReadEmail(context, engineerId) {
      return canReadEmail(await access.viewer(context), await access.subject(context, engineerId));
    },

    async mayReadLevels(context, engineerId) {
      return canReadLevels(await access.viewer(context), await access.subject(context, engineerId));
    },

    async mayReadEvidence(context, evidence) {
      return canReadEvidence(await access.viewer(context), await access.subject(context, evidence.engineerId), evidence.status);
    },

    async visibleEvidence(context, items) {
      const allowed = await Promise.all(items.map((item) => access.mayReadEvidence(context, item)));
      return items.filter((_, i) => allowed[i]);
    },

    async levelSearch(context) {
      return levelSearchScope(await access.reader(context));
    },

    async authorise(context, mutation) {
      const decision = mayCall(await access.viewer(context), mutation);
      if (!decision.allowed) throw new GatewayError(decision.code, decision.message, 'actor');
      return { actor: context.actor!, correlationId: context.correlationId, issuedAt: options.now().toISOString() };
    },
  };
  return access;
}
