import { describe, expect, it } from '@jest/globals';
import {
  canReadDirectory,
  canReadEmail,
  canReadEvidence,
  canReadLevels,
  isCurrentAt,
  levelSearchScope,
  mayCall,
  viewerOf,
  type Subject,
} from './access-policy.js';

// The field rules of docs/access-policy.md, on one subject: eng-1, who reports to lead, who reports to dir.
const subject: Subject = { engineerId: 'eng-1', managersUpTheLine: ['lead', 'dir'] };
const engineer = (id: string, ...roles: string[]) => viewerOf('engineer', id, roles);

describe('access policy: reads', () => {
  it('e-mail: the engineer, managers up the line, hris and admin', () => {
    expect(canReadEmail(engineer('eng-1'), subject)).toBe(true);
    expect(canReadEmail(engineer('lead'), subject)).toBe(true);
    expect(canReadEmail(engineer('dir', 'director'), subject)).toBe(true);
    expect(canReadEmail(viewerOf('service', 'svc:workday', ['hris']), subject)).toBe(true);
    expect(canReadEmail(engineer('adm', 'admin'), subject)).toBe(true);
    expect(canReadEmail(engineer('eng-2'), subject)).toBe(false);
    expect(canReadEmail(engineer('pan', 'panel'), subject)).toBe(false);
    expect(canReadEmail(viewerOf('demo-visitor', null), subject)).toBe(false);
  });
  it('approved evidence and levels: also panel and the demo visitor; not peers, hris or framework owners', () => {
    for (const viewer of [engineer('eng-1'), engineer('dir', 'director'), engineer('pan', 'panel'), engineer('adm', 'admin'), viewerOf('demo-visitor', null)]) {
      expect(canReadLevels(viewer, subject)).toBe(true);
      expect(canReadEvidence(viewer, subject, 'approved')).toBe(true);
    }
    for (const viewer of [engineer('eng-2'), engineer('other-dir', 'director'), engineer('hr', 'hris'), engineer('fo', 'framework-owner')]) {
      expect(canReadLevels(viewer, subject)).toBe(false);
    }
  });
  it('pending, rejected and withdrawn evidence: the engineer, managers up the line and admin only', () => {
    for (const status of ['submitted', 'rejected', 'withdrawn']) {
      expect(canReadEvidence(engineer('lead'), subject, status)).toBe(true);
      expect(canReadEvidence(engineer('adm', 'admin'), subject, status)).toBe(true);
      expect(canReadEvidence(engineer('pan', 'panel'), subject, status)).toBe(false);
      expect(canReadEvidence(viewerOf('demo-visitor', null), subject, status)).toBe(false);
    }
  });
  it('anonymous and unrecognised callers read nothing, whatever roles they claim', () => {
    for (const viewer of [viewerOf('anonymous', null), viewerOf('unrecognised', 'left-1', ['admin'])]) {
      expect(canReadDirectory(viewer)).toBe(false);
      expect(canReadEmail(viewer, subject)).toBe(false);
      expect(canReadEvidence(viewer, subject, 'approved')).toBe(false);
      expect(levelSearchScope(viewer)).toEqual({ kind: 'nobody' });
    }
  });
  it('a search by level covers everyone for panel and admin, else the viewer\'s line', () => {
    expect(levelSearchScope(engineer('pan', 'panel'))).toEqual({ kind: 'everyone' });
    expect(levelSearchScope(engineer('dir', 'director'))).toEqual({ kind: 'line', engineerId: 'dir' });
    expect(levelSearchScope(viewerOf('service', 'svc:workday', ['hris']))).toEqual({ kind: 'nobody' });
  });
  it('drops roles the policy does not know, system included', () => {
    expect([...viewerOf('engineer', 'x', ['admin', 'system', 'root']).roles]).toEqual(['admin']);
  });
});

describe('access policy: who may call a mutation', () => {
  it('refuses anonymous and the demo visitor as UNAUTHENTICATED, an unrecognised sub as FORBIDDEN', () => {
    expect(mayCall(viewerOf('anonymous', null), 'submitEvidence')).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expect(mayCall(viewerOf('unrecognised', 'ghost', ['admin']), 'importFramework')).toMatchObject({ allowed: false, code: 'FORBIDDEN', message: expect.stringMatching(/neither a current engineer nor a service principal/) });
  });
  it('checks roles, and keeps evidence to engineers', () => {
    expect(mayCall(engineer('fo', 'framework-owner'), 'importFramework')).toEqual({ allowed: true });
    expect(mayCall(engineer('eng-1'), 'importFramework')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(mayCall(viewerOf('service', 'svc:workday', ['hris']), 'recordJoiner')).toEqual({ allowed: true });
    expect(mayCall(viewerOf('service', 'svc:workday', ['hris']), 'approveEvidence')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(mayCall(engineer('eng-1'), 'approveEvidence')).toEqual({ allowed: true });
  });
  it('a leaver is current until the leaving date', () => {
    expect(isCurrentAt({ status: 'active' }, '2026-10-02T00:00:00Z')).toBe(true);
    expect(isCurrentAt({ status: 'left', leftOn: '2026-10-03' }, '2026-10-02T23:00:00Z')).toBe(true);
    expect(isCurrentAt({ status: 'left', leftOn: '2026-10-02' }, '2026-10-02T00:00:00Z')).toBe(false);
    expect(isCurrentAt(null, '2026-10-02T00:00:00Z')).toBe(false);
  });
});
