/**
 * Who the dashboard asks as. The gateway decides what each caller may read (docs/access-policy.md); the
 * dashboard only passes the identity on:
 * - in the embedded demo (AUTH_MODE=demo), `x-actor-id` names the viewer and `x-actor-roles` their roles;
 *   no header at all is the demo visitor, who reads like a director of the whole organisation;
 * - with an identity provider (AUTH_MODE=jwt), a bearer token (`Authorization: Bearer …`).
 */
export type Identity =
  | { kind: 'visitor' }
  | { kind: 'demo'; actorId: string; roles: string[] }
  | { kind: 'token'; token: string };

/** The viewer kinds the picker offers, with the roles each sends. */
export const viewerRoles = [
  { id: 'visitor', label: 'Demo visitor (the whole organisation)', roles: [], needsPerson: false },
  { id: 'director', label: 'Director (their organisation)', roles: ['director'], needsPerson: true },
  { id: 'engineer', label: 'Engineer or manager (own line)', roles: [], needsPerson: true },
  { id: 'panel', label: 'Promotion panel (everyone)', roles: ['panel'], needsPerson: true },
  { id: 'admin', label: 'Admin (everyone)', roles: ['admin'], needsPerson: true },
  { id: 'hris', label: 'HR system (hr-bot, role hris)', roles: ['hris'], needsPerson: false },
  { id: 'token', label: 'Bearer token (AUTH_MODE=jwt)', roles: [], needsPerson: false },
] as const;

export type ViewerRoleId = (typeof viewerRoles)[number]['id'];

/** The service principal the HR-system viewer acts as (any id that is no engineer is one in the demo). */
export const hrisPrincipal = 'hr-bot';

export function identityFor(role: ViewerRoleId, person: string, token: string): Identity {
  if (role === 'visitor') return { kind: 'visitor' };
  if (role === 'token') return { kind: 'token', token: token.trim() };
  if (role === 'hris') return { kind: 'demo', actorId: hrisPrincipal, roles: ['hris'] };
  const roles = [...(viewerRoles.find((r) => r.id === role)?.roles ?? [])];
  return { kind: 'demo', actorId: person.trim(), roles };
}

/** The picker's choice that gives this identity back. */
export function roleOf(identity: Identity): ViewerRoleId {
  if (identity.kind === 'visitor') return 'visitor';
  if (identity.kind === 'token') return 'token';
  if (identity.actorId === hrisPrincipal && identity.roles.includes('hris')) return 'hris';
  for (const role of ['director', 'panel', 'admin'] as const) if (identity.roles.includes(role)) return role;
  return 'engineer';
}

/** The HTTP headers that carry the identity to POST /graphql. */
export function headersFor(identity: Identity): Record<string, string> {
  switch (identity.kind) {
    case 'visitor':
      return {};
    case 'token':
      return identity.token ? { authorization: `Bearer ${identity.token}` } : {};
    case 'demo': {
      if (!identity.actorId) return {};
      const headers: Record<string, string> = { 'x-actor-id': identity.actorId };
      if (identity.roles.length > 0) headers['x-actor-roles'] = identity.roles.join(',');
      return headers;
    }
  }
}

/** A short description for the header: who the pages are shown as. */
export function describeIdentity(identity: Identity): string {
  switch (identity.kind) {
    case 'visitor':
      return 'demo visitor';
    case 'token':
      return identity.token ? 'bearer token' : 'no token yet';
    case 'demo':
      return identity.roles.length > 0 ? `${identity.actorId} (${identity.roles.join(', ')})` : identity.actorId;
  }
}

const storageKey = 'skills-graph.dashboard.identity';

/** The identity kept from the last visit (the token too: it stays in this browser), or the demo visitor. */
export function loadIdentity(storage: Pick<Storage, 'getItem'> | undefined): Identity {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? 'null');
    return parseIdentity(parsed) ?? { kind: 'visitor' };
  } catch {
    return { kind: 'visitor' };
  }
}

export function saveIdentity(storage: Pick<Storage, 'setItem'> | undefined, identity: Identity): void {
  try {
    storage?.setItem(storageKey, JSON.stringify(identity));
  } catch {
    // Private browsing or a full storage: the choice lasts for this page only.
  }
}

function parseIdentity(value: unknown): Identity | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'visitor') return { kind: 'visitor' };
  if (v['kind'] === 'token' && typeof v['token'] === 'string') return { kind: 'token', token: v['token'] };
  if (v['kind'] === 'demo' && typeof v['actorId'] === 'string' && Array.isArray(v['roles']) && v['roles'].every((r) => typeof r === 'string')) {
    return { kind: 'demo', actorId: v['actorId'], roles: v['roles'] as string[] };
  }
  return null;
}
