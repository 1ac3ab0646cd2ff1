import { describe, expect, it } from '@jest/globals';
import { headersFor, identityFor, loadIdentity, roleOf, saveIdentity, viewerRoles, type Identity } from './identity';

describe('the viewer the dashboard asks as', () => {
  it('sends no header for the demo visitor, x-actor-id and x-actor-roles for a person, a bearer token in jwt mode', () => {
    expect(headersFor(identityFor('visitor', 'eng-0001', ''))).toEqual({});
    expect(headersFor(identityFor('director', 'eng-0001', ''))).toEqual({ 'x-actor-id': 'eng-0001', 'x-actor-roles': 'director' });
    expect(headersFor(identityFor('engineer', ' eng-0211 ', ''))).toEqual({ 'x-actor-id': 'eng-0211' });
    expect(headersFor(identityFor('hris', 'eng-0001', ''))).toEqual({ 'x-actor-id': 'hr-bot', 'x-actor-roles': 'hris' });
    expect(headersFor(identityFor('token', '', ' abc.def.ghi '))).toEqual({ authorization: 'Bearer abc.def.ghi' });
    expect(headersFor({ kind: 'token', token: '' })).toEqual({});
    expect(headersFor({ kind: 'demo', actorId: '', roles: ['admin'] })).toEqual({});
  });

  it('gives back the picker choice of every identity it makes', () => {
    for (const role of viewerRoles.map((r) => r.id)) expect(roleOf(identityFor(role, 'eng-0001', 'token'))).toBe(role);
  });

  it('remembers the viewer in storage, and falls back to the demo visitor on anything it cannot read', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const director: Identity = { kind: 'demo', actorId: 'eng-0006', roles: ['director'] };
    saveIdentity(storage, director);
    expect(loadIdentity(storage)).toEqual(director);
    for (const broken of ['{', '{"kind":"demo","actorId":3,"roles":[]}', '{"kind":"root"}', 'null']) {
      store.set([...store.keys()][0]!, broken);
      expect(loadIdentity(storage)).toEqual({ kind: 'visitor' });
    }
    expect(loadIdentity(undefined)).toEqual({ kind: 'visitor' });
  });
});
