// The access policy: who the viewer is and what they may read and do. Pure: the gateway (reads) and the
// command handlers (writes) look the facts up and pass them in. docs/access-policy.md is this file as a table.

/** Roles a token (or the demo's x-actor-roles header) may carry. Anything else is dropped; `system` is in-process only. */
export const tokenRoles = ['admin', 'director', 'framework-owner', 'hris', 'panel'] as const;
export type TokenRole = (typeof tokenRoles)[number];

/** A documented service principal: `svc:<name>` (e.g. `svc:workday` with role hris), not an engineer. */
export const servicePrincipalPattern = /^svc:[a-z0-9][a-z0-9-]{0,62}$/;
export const isServicePrincipal = (id: string): boolean => servicePrincipalPattern.test(id);

/**
 * Who is reading, worked out once per request:
 * - anonymous: no credentials (jwt mode);
 * - demo-visitor: no x-actor-id in AUTH_MODE=demo (reads like a director of the whole organisation, see the docs);
 * - engineer: the token's sub is a current engineer;
 * - service: the sub is a service principal (`svc:<name>`): its roles only, no reporting line;
 * - unrecognised: the sub is neither (an unknown id, or a leaver from their leaving date): no rights at all.
 */
export type ViewerKind = 'anonymous' | 'demo-visitor' | 'engineer' | 'service' | 'unrecognised';

export interface Viewer {
  kind: ViewerKind;
  /** The actor id (token sub or x-actor-id); null when anonymous. */
  id: string | null;
  /** Roles the policy knows (unknown ones are dropped before this). */
  roles: ReadonlySet<string>;
}

export function viewerOf(kind: ViewerKind, id: string | null, roles: Iterable<string> = []): Viewer {
  const known = [...roles].filter((r): r is TokenRole => (tokenRoles as readonly string[]).includes(r));
  // Without a recognised identity, roles grant nothing: a leaver's old admin token is worth nothing.
  const granted = kind === 'engineer' || kind === 'service' ? known : [];
  return { kind, id, roles: new Set(granted) };
}

/** The engineer a field belongs to, with their managers up the line (direct manager first), as of now. */
export interface Subject {
  engineerId: string;
  managersUpTheLine: readonly string[];
}

/** How a viewer stands to one engineer. `line`: the viewer is one of their managers up the line (a director of theirs too). */
export type ReadRelation = 'self' | 'line' | 'other';

export function readRelation(viewer: Viewer, subject: Subject): ReadRelation {
  if (viewer.kind !== 'engineer' || viewer.id === null) return 'other';
  if (viewer.id === subject.engineerId) return 'self';
  return subject.managersUpTheLine.includes(viewer.id) ? 'line' : 'other';
}

const has = (viewer: Viewer, ...roles: TokenRole[]) => roles.some((r) => viewer.roles.has(r));

/** Signed in with a recognised identity (or the demo visitor): may read the directory and the catalogue. */
export function canReadDirectory(viewer: Viewer): boolean {
  return viewer.kind === 'engineer' || viewer.kind === 'service' || viewer.kind === 'demo-visitor';
}

/** E-mail: the engineer, their managers up the line, hris and admin. */
export function canReadEmail(viewer: Viewer, subject: Subject): boolean {
  if (!canReadDirectory(viewer)) return false;
  return readRelation(viewer, subject) !== 'other' || has(viewer, 'hris', 'admin');
}

/** Levels of everyone, whoever they report to: panel (calibration), admin and the demo visitor. */
export function readsEveryonesLevels(viewer: Viewer): boolean {
  return viewer.kind === 'demo-visitor' || (canReadDirectory(viewer) && has(viewer, 'panel', 'admin'));
}

/**
 * Levels, calibrations and approved evidence: the engineer, their managers up the line (a director's whole
 * organisation is below them in the line), panel, admin, and the demo visitor.
 */
export function canReadLevels(viewer: Viewer, subject: Subject): boolean {
  if (!canReadDirectory(viewer)) return false;
  return readsEveryonesLevels(viewer) || readRelation(viewer, subject) !== 'other';
}

/** Evidence not (yet) approved: submitted, rejected or withdrawn, with its reviewers and rejection reason. */
export function canReadUnapprovedEvidence(viewer: Viewer, subject: Subject): boolean {
  if (!canReadDirectory(viewer)) return false;
  return readRelation(viewer, subject) !== 'other' || has(viewer, 'admin');
}

/** One evidence item, whole (reviewers and reason included) or not at all: left out of lists, null when asked by id. */
export function canReadEvidence(viewer: Viewer, subject: Subject, status: string): boolean {
  return status === 'approved' ? canReadLevels(viewer, subject) : canReadUnapprovedEvidence(viewer, subject);
}

/**
 * Whom a search by level or skill (engineers(filter: {competency, skill, level...})) may match: everyone,
 * or only the viewer and the people below them in the line. A match outside it would reveal a level.
 */
export type LevelSearchScope = { kind: 'everyone' } | { kind: 'line'; engineerId: string } | { kind: 'nobody' };

export function levelSearchScope(viewer: Viewer): LevelSearchScope {
  if (readsEveryonesLevels(viewer)) return { kind: 'everyone' };
  if (viewer.kind === 'engineer' && viewer.id !== null) return { kind: 'line', engineerId: viewer.id };
  return { kind: 'nobody' };
}

/** Mutations and who may call them (the gateway refuses others before sending; the deciders decide the relation rules). */
export const mutationRules = {
  importFramework: { roles: ['framework-owner', 'admin'] },
  publishFramework: { roles: ['framework-owner', 'admin'] },
  registerSkill: { roles: ['framework-owner', 'admin'] },
  recordJoiner: { roles: ['hris', 'admin'] },
  recordMover: { roles: ['hris', 'admin'] },
  recordLeaver: { roles: ['hris', 'admin'] },
  importPeople: { roles: ['hris', 'admin'] },
  eraseEngineer: { roles: ['hris', 'admin'] },
  calibrateLevel: { roles: ['panel'] },
  // Evidence and delegation: a current engineer, whose relation to the evidence's engineer the decider checks.
  submitEvidence: { engineer: true },
  endorseEvidence: { engineer: true },
  approveEvidence: { engineer: true },
  rejectEvidence: { engineer: true },
  withdrawEvidence: { engineer: true },
  amendEvidence: { engineer: true },
  delegateApprovals: { engineer: true },
  revokeDelegation: { engineer: true },
} as const satisfies Record<string, { roles: readonly TokenRole[] } | { engineer: true }>;

export type MutationName = keyof typeof mutationRules;

export type MutationDecision = { allowed: true } | { allowed: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

/** Whether the viewer may call a mutation at all (the deciders then check the relation to the data). */
export function mayCall(viewer: Viewer, mutation: MutationName): MutationDecision {
  if (viewer.kind === 'anonymous' || viewer.kind === 'demo-visitor') {
    return { allowed: false, code: 'UNAUTHENTICATED', message: 'Sign in to change anything: send a Bearer token (or x-actor-id in demo mode)' };
  }
  if (viewer.kind === 'unrecognised') {
    return {
      allowed: false,
      code: 'FORBIDDEN',
      message: `'${viewer.id}' is neither a current engineer nor a service principal (svc:<name>): it may change nothing`,
    };
  }
  const rule: { roles?: readonly TokenRole[]; engineer?: true } = mutationRules[mutation];
  if (rule.roles && !rule.roles.some((r) => viewer.roles.has(r))) {
    return { allowed: false, code: 'FORBIDDEN', message: `Only ${rule.roles.join(' or ')} may call ${mutation}` };
  }
  if (rule.engineer && viewer.kind !== 'engineer') {
    return { allowed: false, code: 'FORBIDDEN', message: `Only engineers may call ${mutation}; '${viewer.id}' is a service principal` };
  }
  return { allowed: true };
}

/** Whether someone with this record still holds rights at `at` (ISO instant): a leaver loses every right on their leaving date. */
export function isCurrentAt(record: { status: string; leftOn?: string | null } | null, at: string): boolean {
  if (!record || record.status === 'unknown') return false;
  if (record.status === 'active') return true;
  return record.leftOn != null && at.slice(0, 10) < record.leftOn;
}
