// The access matrix: every Query field, every object field and every Mutation of the schema, against every
// role, as data. access-policy-matrix.e2e.spec.ts runs each cell over HTTP in jwt mode and checks that the
// matrix covers the whole schema (a new field without a rule fails). docs/access-policy.md is the same table.

export const roles = [
  'anonymous',
  'engineer-self',
  'engineer-other',
  'manager-of',
  'manager-up-the-line',
  'manager-of-someone-else',
  'director-of-org',
  'director-of-other-org',
  'panel',
  'hris',
  'framework-owner',
  'admin',
] as const;
export type Role = (typeof roles)[number];

/** What a role gets: the value, nothing (null, an empty list, left out), or an error code. */
export type Outcome = 'value' | 'hidden' | 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT';

const everyone = (outcome: Outcome, except: Partial<Record<Role, Outcome>> = {}): Record<Role, Outcome> =>
  Object.fromEntries(roles.map((role) => [role, except[role] ?? outcome])) as Record<Role, Outcome>;

/** The subject of every read is engineer-self; the roles stand to them as their names say. */
const line = { 'engineer-self': 'value', 'manager-of': 'value', 'manager-up-the-line': 'value', 'director-of-org': 'value' } as const;

/** Read rules: what each role gets of a field governed by the rule. */
export const readRules = {
  /** Names, titles, teams, managers, status; frameworks, skills, teams: anyone signed in. */
  directory: everyone('value', { anonymous: 'UNAUTHENTICATED' }),
  /** E-mail: the engineer, managers up the line, hris, admin. */
  email: everyone('hidden', { anonymous: 'UNAUTHENTICATED', ...line, hris: 'value', admin: 'value' }),
  /** Levels, calibrations and approved evidence: the engineer, managers up the line (directors of the org), panel, admin. */
  levels: everyone('hidden', { anonymous: 'UNAUTHENTICATED', ...line, panel: 'value', admin: 'value' }),
  /** Submitted, rejected and withdrawn evidence, with reviewers and reasons: the engineer, managers up the line, admin. */
  unapprovedEvidence: everyone('hidden', { anonymous: 'UNAUTHENTICATED', ...line, admin: 'value' }),
  /** The audit trail: admin only. */
  audit: everyone('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', admin: 'value' }),
  /** Directors' aggregates (levelDistribution, skillCoverage, progression): any engineer answers (counting their own line); a service principal without panel or admin is refused. */
  aggregates: everyone('value', { anonymous: 'UNAUTHENTICATED', hris: 'FORBIDDEN' }),
  /** engineer-self's level inside an aggregate: counted for the engineer, managers up the line (directors of the org), panel, admin. */
  aggregatedLevels: everyone('hidden', { anonymous: 'UNAUTHENTICATED', ...line, panel: 'value', admin: 'value', hris: 'FORBIDDEN' }),
  /** One engineer's levels asked for directly (gapToNextLevel): the engineer, managers up the line (directors of the org), panel, admin; others are refused. */
  levelsOrRefused: everyone('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', ...line, panel: 'value', admin: 'value' }),
  /** Promotion candidates: engineer-self is listed for the engineer, managers up the line (directors of the org), panel, admin; a service principal without those roles is refused. */
  candidates: everyone('hidden', { anonymous: 'UNAUTHENTICATED', ...line, panel: 'value', admin: 'value', hris: 'FORBIDDEN' }),
} satisfies Record<string, Record<Role, Outcome>>;
export type ReadRule = keyof typeof readRules;

/**
 * How a field is governed: its own read rule (checked on the field's value: null or [] is hidden), `inherit`
 * (visible whenever the object holding it is; checked on that object), or `payload` (returned only to the
 * caller of a mutation: the mutation rows cover it).
 */
export type FieldRule = ReadRule | 'inherit' | 'payload';

/** Where each object type is read from, as a query around a selection `SEL`, and the rule of that path. */
export interface Probe {
  name: string;
  query: string;
  rule: ReadRule;
}

const onSelf = (sel: string) => `query($self: ID!) { engineer(id: $self) { ${sel} } }`;
const onEvidence = (variable: string) => (sel: string) => `query($${variable}: ID!) { evidence(id: $${variable}) { ${sel} } }`;
/** The staffing search in team-a, where only engineer-self has a Mastery level: roles outside their line find nobody. */
const staffing = (sel: string) => `{ findEngineers(requirements: [{competency: "Mastery", levelAtLeast: 1}], team: "team-a", first: 5) { ${sel} } }`;
/** engineer-self's gap to their next Mastery level; promotion readiness in team-a, where engineer-self is one behaviour from L2. */
const gap = (sel: string) => `query($self: ID!) { gapToNextLevel(engineerId: $self, competency: "Mastery") { ${sel} } }`;
const readiness = (sel: string) => `{ promotionReadiness(filter: {team: "team-a"}) { ${sel} } }`;
const onFramework = (sel: string) => `{ framework(id: "engineering") { ${sel} } }`;
const distribution = (sel: string) => `{ levelDistribution(competency: "Mastery", groupBy: TEAM) { ${sel} } }`;
const today = new Date().toISOString().slice(0, 10);
const progressionOfToday = (sel: string) => `{ progression(competency: "Mastery", from: "${today}", to: "${today}") { ${sel} } }`;

export const probes: Record<string, Probe[]> = {
  Engineer: [{ name: 'engineer-self', query: onSelf('SEL'), rule: 'directory' }],
  Evidence: [
    { name: 'approved', query: onEvidence('approved')('SEL'), rule: 'levels' },
    { name: 'submitted', query: onEvidence('submitted')('SEL'), rule: 'unapprovedEvidence' },
    { name: 'rejected', query: onEvidence('rejected')('SEL'), rule: 'unapprovedEvidence' },
  ],
  DemonstratedLevel: [{ name: 'levels', query: onSelf('levels { SEL }'), rule: 'levels' }],
  CalibratedLevel: [{ name: 'calibratedLevels', query: onSelf('calibratedLevels { SEL }'), rule: 'levels' }],
  CompetencyLevels: [{ name: 'competencyLevels', query: onSelf('competencyLevels { SEL }'), rule: 'levels' }],
  Competency: [{ name: 'framework competencies', query: onFramework('competencies { SEL }'), rule: 'directory' }],
  Skill: [{ name: 'skills', query: '{ skills { SEL } }', rule: 'directory' }],
  Team: [{ name: 'teams', query: '{ teams { SEL } }', rule: 'directory' }],
  Behaviour: [{ name: 'framework behaviours', query: onFramework('behaviours { SEL }'), rule: 'directory' }],
  FrameworkSummary: [{ name: 'frameworks', query: '{ frameworks { SEL } }', rule: 'directory' }],
  FrameworkVersion: [{ name: 'framework', query: onFramework('SEL'), rule: 'directory' }],
  FrameworkLevel: [{ name: 'framework levels', query: onFramework('levels { SEL }'), rule: 'directory' }],
  LevelPolicy: [{ name: 'framework policy', query: onFramework('policy { SEL }'), rule: 'directory' }],
  EditionChanges: [{ name: 'framework changes', query: onFramework('changes { SEL }'), rule: 'directory' }],
  // Version 2 (imported, not published) rewords a behaviour.
  Rewording: [{ name: 'framework rewordings', query: '{ framework(id: "engineering", version: 2) { changes { reworded { SEL } } } }', rule: 'directory' }],
  EngineerConnection: [{ name: 'engineers', query: '{ engineers(first: 2) { SEL } }', rule: 'directory' }],
  EngineerEdge: [{ name: 'engineer edges', query: '{ engineers(first: 2) { edges { SEL } } }', rule: 'directory' }],
  PageInfo: [{ name: 'engineers pageInfo', query: '{ engineers(first: 2) { pageInfo { SEL } } }', rule: 'directory' }],
  // The connection answers anyone signed in; what it holds (nodes) is governed by the levels rule.
  StaffingConnection: [{ name: 'findEngineers', query: staffing('SEL'), rule: 'directory' }],
  StaffingMatch: [{ name: 'findEngineers nodes', query: staffing('nodes { SEL }'), rule: 'levels' }],
  RequirementProof: [{ name: 'findEngineers proofs', query: staffing('nodes { requirements { SEL } }'), rule: 'levels' }],
  AuditTrail: [{ name: 'auditTrail', query: 'query($self: ID!) { auditTrail(engineerId: $self) { SEL } }', rule: 'audit' }],
  AuditEventEdge: [{ name: 'auditTrail edges', query: 'query($self: ID!) { auditTrail(engineerId: $self) { edges { SEL } } }', rule: 'audit' }],
  AuditEvent: [{ name: 'auditTrail nodes', query: 'query($self: ID!) { auditTrail(engineerId: $self) { nodes { SEL } } }', rule: 'audit' }],
  AuditActor: [{ name: 'auditTrail actors', query: 'query($self: ID!) { auditTrail(engineerId: $self) { nodes { actor { SEL } } } }', rule: 'audit' }],
  LevelDistribution: [{ name: 'levelDistribution', query: distribution('SEL'), rule: 'aggregates' }],
  LevelDistributionGroup: [{ name: 'levelDistribution groups', query: distribution('groups { SEL }'), rule: 'aggregatedLevels' }],
  LevelCount: [{ name: 'levelDistribution counts', query: distribution('groups { counts { SEL } }'), rule: 'aggregatedLevels' }],
  SkillCoverage: [{ name: 'skillCoverage', query: '{ skillCoverage(minLevel: 1) { SEL } }', rule: 'aggregates' }],
  SkillCoverageEntry: [{ name: 'skillCoverage organisation', query: '{ skillCoverage(minLevel: 1) { organisation { SEL } } }', rule: 'aggregates' }],
  Progression: [{ name: 'progression', query: progressionOfToday('SEL'), rule: 'aggregates' }],
  ProgressionPoint: [{ name: 'progression points', query: progressionOfToday('points { SEL }'), rule: 'aggregates' }],
  LevelGap: [{ name: 'gapToNextLevel', query: gap('SEL'), rule: 'levelsOrRefused' }],
  BehaviourCoverage: [{ name: 'gapToNextLevel behaviours', query: gap('behaviours { SEL }'), rule: 'levelsOrRefused' }],
  EvidenceSources: [
    { name: 'gapToNextLevel sources', query: gap('sources { SEL }'), rule: 'levelsOrRefused' },
    { name: 'levels sources', query: onSelf('levels { sources { SEL } }'), rule: 'levels' },
  ],
  PromotionCandidate: [{ name: 'promotionReadiness', query: readiness('SEL'), rule: 'candidates' }],
};

/** Fields with a rule of their own; every other field of a probed type inherits, of a payload type is `payload`. */
export const ownRules: Record<string, FieldRule> = {
  'Engineer.email': 'email',
  'Engineer.levels': 'levels',
  'Engineer.calibratedLevels': 'levels',
  'Engineer.competencyLevels': 'levels',
  'Engineer.evidence': 'levels', // at least the approved items; submitted and rejected ones: queryRows
};

/** Types only mutations return. */
export const payloadTypes = [
  'ImportFrameworkPayload',
  'ImportWarning',
  'PublishFrameworkPayload',
  'MutationPayload',
  'EvidencePayload',
  'CalibrateLevelPayload',
  'PeoplePayload',
  'PeopleImportRow',
  'PeopleImportIssue',
  'ImportPeoplePayload',
];

/** Every Query field, with the query that reads it (variables from the fixture) and its rule. */
export const queryRows: Record<string, { query: string; rule: ReadRule; path: string[] }[]> = {
  engineers: [
    { query: '{ engineers(first: 5) { totalCount } }', rule: 'directory', path: ['engineers'] },
    // A search by level matches only engineers whose levels the caller may read: a role outside the line finds nobody.
    { query: '{ engineers(filter: {competency: "Mastery", levelAtLeast: 1, team: "team-a"}, first: 5) { nodes { id } } }', rule: 'levels', path: ['engineers', 'nodes'] },
    // The same search on the levels as they stood today (asOf: a date reads as now).
    { query: `{ engineers(filter: {competency: "Mastery", levelAtLeast: 1, team: "team-a", asOf: "${new Date().toISOString().slice(0, 10)}"}, first: 5) { nodes { id } } }`, rule: 'levels', path: ['engineers', 'nodes'] },
  ],
  engineer: [{ query: 'query($self: ID!) { engineer(id: $self) { id } }', rule: 'directory', path: ['engineer'] }],
  evidence: [
    { query: 'query($approved: ID!) { evidence(id: $approved) { id } }', rule: 'levels', path: ['evidence'] },
    { query: 'query($submitted: ID!) { evidence(id: $submitted) { id } }', rule: 'unapprovedEvidence', path: ['evidence'] },
    { query: 'query($rejected: ID!) { evidence(id: $rejected) { id rejectionReason reviewedBy { id } } }', rule: 'unapprovedEvidence', path: ['evidence'] },
    { query: 'query($self: ID!) { engineer(id: $self) { evidence(status: SUBMITTED) { id } } }', rule: 'unapprovedEvidence', path: ['engineer', 'evidence'] },
    { query: 'query($self: ID!) { engineer(id: $self) { evidence(status: REJECTED) { id } } }', rule: 'unapprovedEvidence', path: ['engineer', 'evidence'] },
  ],
  frameworks: [{ query: '{ frameworks { id } }', rule: 'directory', path: ['frameworks'] }],
  framework: [{ query: '{ framework(id: "engineering") { id } }', rule: 'directory', path: ['framework'] }],
  skills: [{ query: '{ skills { id } }', rule: 'directory', path: ['skills'] }],
  teams: [{ query: '{ teams { id } }', rule: 'directory', path: ['teams'] }],
  findEngineers: [{ query: staffing('nodes { engineer { id } margin requirements { level evidence { id } } }'), rule: 'levels', path: ['findEngineers', 'nodes'] }],
  auditTrail: [{ query: 'query($self: ID!) { auditTrail(engineerId: $self) { nodes { eventType } } }', rule: 'audit', path: ['auditTrail', 'nodes'] }],
  // Aggregates count only the levels the caller may read: a role outside engineer-self's line counts nobody here.
  levelDistribution: [{ query: distribution('groups { total }'), rule: 'aggregatedLevels', path: ['levelDistribution', 'groups'] }],
  skillCoverage: [{ query: '{ skillCoverage(minLevel: 1) { teams { holders } } }', rule: 'aggregatedLevels', path: ['skillCoverage', 'teams'] }],
  progression: [{ query: progressionOfToday('points { counts { count } }'), rule: 'aggregatedLevels', path: ['progression', 'points', 'counts'] }],
  gapToNextLevel: [{ query: gap('level nextLevel missing { id } evidence { id }'), rule: 'levelsOrRefused', path: ['gapToNextLevel'] }],
  // Readiness lists only engineers whose levels the caller may read: a role outside engineer-self's line finds nobody in team-a.
  promotionReadiness: [{ query: readiness('engineer { id } reasons gap { evidence { id } }'), rule: 'candidates', path: ['promotionReadiness'] }],
};

const refused = (allowed: Partial<Record<Role, Outcome>>, otherwise: Outcome = 'FORBIDDEN') => everyone(otherwise, { anonymous: 'UNAUTHENTICATED', ...allowed });

/**
 * Every Mutation × role. Role-gated mutations are sent with an input that fails validation, so a role that
 * passes the policy gets BAD_USER_INPUT and nothing changes; evidence and delegation mutations are sent for
 * real (each role on an item of its own) and succeed only where the policy says `ok`.
 */
export const mutationRows: Record<string, Record<Role, Outcome>> = {
  importFramework: refused({ 'framework-owner': 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  publishFramework: refused({ 'framework-owner': 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  registerSkill: refused({ 'framework-owner': 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  recordJoiner: refused({ hris: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  recordMover: refused({ hris: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  recordLeaver: refused({ hris: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  importPeople: refused({ hris: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  eraseEngineer: refused({ hris: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
  calibrateLevel: refused({ panel: 'BAD_USER_INPUT' }),
  // For engineer-self's evidence: they, or their current manager (or a delegate: tested on its own).
  submitEvidence: refused({ 'engineer-self': 'ok', 'manager-of': 'ok' }),
  // Any current engineer but the owner; not a service principal.
  endorseEvidence: refused({
    'engineer-other': 'ok', 'manager-of': 'ok', 'manager-up-the-line': 'ok', 'manager-of-someone-else': 'ok', 'director-of-org': 'ok',
    'director-of-other-org': 'ok', panel: 'ok', 'framework-owner': 'ok', admin: 'ok',
  }),
  approveEvidence: refused({ 'manager-of': 'ok' }),
  rejectEvidence: refused({ 'manager-of': 'ok' }),
  withdrawEvidence: refused({ 'engineer-self': 'ok' }),
  amendEvidence: refused({ 'engineer-self': 'ok' }),
  // Managers only (anyone with reports).
  delegateApprovals: refused({ 'manager-of': 'ok', 'manager-up-the-line': 'ok', 'manager-of-someone-else': 'ok', 'director-of-org': 'ok', 'director-of-other-org': 'ok' }),
  revokeDelegation: refused({ 'manager-of': 'ok', 'manager-up-the-line': 'ok', 'manager-of-someone-else': 'ok', 'director-of-org': 'ok', 'director-of-other-org': 'ok' }),
};
