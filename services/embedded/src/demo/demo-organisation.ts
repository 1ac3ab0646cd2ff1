/**
 * A deterministic, invented demo organisation for embedded mode: skills, squads, engineers,
 * projects and evidence claims against the demo framework.
 *
 * Each engineer gets a hidden "true level" per competency; approved evidence is generated so
 * that the level computed by the framework policy lands roughly on that true level, mostly
 * within the engineer's primary skills. Rejected and pending claims are added as noise.
 */
import { seededRandom } from '@skills-graph/read-model';
import type { DraftBehaviour } from '@skills-graph/domain';

import { demoFramework } from './demo-framework.js';

export interface DemoSkill {
  id: string;
  name: string;
  aliases: string[];
}

export interface DemoTeam {
  id: string;
  name: string;
  area: string;
}

export interface DemoEngineer {
  id: string;
  name: string;
  email: string;
  teamId: string;
  managerId: string | null;
  title: string;
  /** YYYY-MM-DD */
  joinedOn: string;
}

export interface DemoProject {
  id: string;
  name: string;
}

export type DemoEvidenceOutcome = 'approved' | 'rejected' | 'pending' | 'endorsed-then-approved';

export type DemoEvidenceKind = 'pull-request' | 'rfc' | 'incident' | 'design' | 'talk' | 'mentoring' | 'review';

export interface DemoEvidence {
  id: string;
  engineerId: string;
  kind: DemoEvidenceKind;
  title: string;
  url: string;
  /** YYYY-MM-DD, within the two years before {@link DEMO_REFERENCE_DATE}. */
  date: string;
  projectId: string;
  skillIds: string[];
  behaviourIds: string[];
  outcome: DemoEvidenceOutcome;
  /** The engineer's manager, or the lead of their team when they have none. */
  reviewerId: string;
  /** A teammate, present only for `endorsed-then-approved`. */
  endorserId?: string;
}

export interface DemoOrganisation {
  skills: DemoSkill[];
  teams: DemoTeam[];
  engineers: DemoEngineer[];
  projects: DemoProject[];
  evidence: DemoEvidence[];
}

export interface DemoOrganisationOptions {
  engineers?: number;
  seed?: number;
}

/** Evidence dates fall in [DEMO_EVIDENCE_FROM, DEMO_REFERENCE_DATE). */
export const DEMO_REFERENCE_DATE = '2026-11-01';
export const DEMO_EVIDENCE_FROM = '2024-11-01';
export const DEMO_DEFAULT_ENGINEERS = 320;
export const DEMO_DEFAULT_SEED = 42;

// ---------------------------------------------------------------------------------------------
// Random numbers and small helpers

type Random = () => number;

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Static catalogue

const SKILLS: readonly DemoSkill[] = [
  { id: 'go', name: 'Go', aliases: ['golang'] },
  { id: 'kafka', name: 'Kafka', aliases: ['apache kafka'] },
  { id: 'cassandra', name: 'Cassandra', aliases: ['apache cassandra'] },
  { id: 'kubernetes', name: 'Kubernetes', aliases: ['k8s'] },
  { id: 'typescript', name: 'TypeScript', aliases: ['ts'] },
  { id: 'react', name: 'React', aliases: ['reactjs'] },
  { id: 'postgresql', name: 'PostgreSQL', aliases: ['postgres', 'pg'] },
  { id: 'observability', name: 'Observability', aliases: ['o11y'] },
  { id: 'llm-tooling', name: 'LLM tooling', aliases: ['llm'] },
  { id: 'card-clearing', name: 'Card clearing', aliases: ['clearing'] },
  { id: 'terraform', name: 'Terraform', aliases: ['tf'] },
  { id: 'grpc', name: 'gRPC', aliases: ['grpc'] },
];

type AreaId = 'payments' | 'lending' | 'customer-operations-tooling' | 'platform' | 'data' | 'security';

interface AreaSeed {
  id: AreaId;
  name: string;
  skillWeights: readonly (readonly [string, number])[];
  squads: readonly (readonly [slug: string, name: string, focusSkill?: string])[];
}

const AREAS: readonly AreaSeed[] = [
  {
    id: 'payments',
    name: 'Payments',
    skillWeights: [['go', 6], ['kafka', 4], ['card-clearing', 4], ['postgresql', 2], ['grpc', 2], ['observability', 1]],
    squads: [
      ['acquiring', 'Acquiring'],
      ['issuing', 'Card Issuing'],
      ['card-clearing', 'Card Clearing', 'card-clearing'],
      ['instant-payouts', 'Instant Payouts', 'go'],
      ['ledger', 'Ledger', 'postgresql'],
      ['fx', 'FX & Multi-currency'],
    ],
  },
  {
    id: 'lending',
    name: 'Lending',
    skillWeights: [['go', 5], ['postgresql', 4], ['kafka', 2], ['grpc', 2], ['llm-tooling', 1], ['typescript', 1]],
    squads: [
      ['loan-origination', 'Loan Origination'],
      ['credit-decisioning', 'Credit Decisioning', 'go'],
      ['loan-servicing', 'Loan Servicing'],
      ['collections', 'Collections'],
      ['merchant-financing', 'Merchant Financing'],
    ],
  },
  {
    id: 'customer-operations-tooling',
    name: 'Customer Operations Tooling',
    skillWeights: [['typescript', 5], ['react', 5], ['postgresql', 2], ['llm-tooling', 2], ['grpc', 1]],
    squads: [
      ['support-console', 'Support Console', 'react'],
      ['disputes', 'Disputes & Chargebacks'],
      ['kyc-review', 'KYC Review'],
      ['agent-experience', 'Agent Experience'],
      ['ops-automation', 'Ops Automation', 'llm-tooling'],
    ],
  },
  {
    id: 'platform',
    name: 'Platform',
    skillWeights: [['kubernetes', 5], ['terraform', 4], ['observability', 4], ['go', 3], ['grpc', 1], ['kafka', 1]],
    squads: [
      ['runtime', 'Runtime', 'kubernetes'],
      ['developer-experience', 'Developer Experience'],
      ['observability', 'Observability', 'observability'],
      ['edge-networking', 'Edge & Networking'],
      ['delivery-pipelines', 'Delivery Pipelines'],
      ['streaming', 'Streaming Platform', 'kafka'],
    ],
  },
  {
    id: 'data',
    name: 'Data',
    skillWeights: [['kafka', 4], ['cassandra', 4], ['postgresql', 3], ['llm-tooling', 2], ['observability', 1], ['go', 1]],
    squads: [
      ['data-platform', 'Data Platform', 'cassandra'],
      ['analytics-engineering', 'Analytics Engineering'],
      ['ml-platform', 'ML Platform', 'llm-tooling'],
      ['regulatory-reporting', 'Regulatory Reporting'],
    ],
  },
  {
    id: 'security',
    name: 'Security',
    skillWeights: [['terraform', 3], ['kubernetes', 3], ['go', 3], ['observability', 2], ['grpc', 1]],
    squads: [
      ['identity-access', 'Identity & Access'],
      ['application-security', 'Application Security', 'go'],
      ['cloud-security', 'Cloud Security', 'terraform'],
      ['key-management', 'Key Management'],
    ],
  },
];

/** Four area directors; the first area listed is where the director sits. */
const DIRECTORATES: readonly (readonly AreaId[])[] = [
  ['payments'],
  ['lending', 'customer-operations-tooling'],
  ['platform', 'security'],
  ['data'],
];

interface ProjectSeed {
  id: string;
  name: string;
  area: AreaId;
  repo: string;
}

const PROJECTS: readonly ProjectSeed[] = [
  { id: 'proj-instant-payouts', name: 'Instant payouts', area: 'payments', repo: 'payouts' },
  { id: 'proj-card-clearing-v2', name: 'Card clearing v2', area: 'payments', repo: 'clearing' },
  { id: 'proj-ledger-consolidation', name: 'Ledger consolidation', area: 'payments', repo: 'ledger' },
  { id: 'proj-multi-currency-wallets', name: 'Multi-currency wallets', area: 'payments', repo: 'wallets' },
  { id: 'proj-smart-acquirer-routing', name: 'Smart acquirer routing', area: 'payments', repo: 'acquirer-router' },
  { id: 'proj-loan-decision-engine', name: 'Loan decision engine', area: 'lending', repo: 'decision-engine' },
  { id: 'proj-pay-in-instalments', name: 'Pay in instalments', area: 'lending', repo: 'instalments' },
  { id: 'proj-collections-automation', name: 'Collections automation', area: 'lending', repo: 'collections' },
  { id: 'proj-merchant-cash-advance', name: 'Merchant cash advance', area: 'lending', repo: 'merchant-advance' },
  { id: 'proj-disputes-workbench', name: 'Disputes workbench', area: 'customer-operations-tooling', repo: 'disputes-workbench' },
  { id: 'proj-agent-console-rewrite', name: 'Agent console rewrite', area: 'customer-operations-tooling', repo: 'agent-console' },
  { id: 'proj-kyc-review-queue', name: 'KYC review queue', area: 'customer-operations-tooling', repo: 'kyc-queue' },
  { id: 'proj-support-copilot', name: 'Support copilot', area: 'customer-operations-tooling', repo: 'support-copilot' },
  { id: 'proj-cluster-fleet-upgrade', name: 'Cluster fleet upgrade', area: 'platform', repo: 'cluster-fleet' },
  { id: 'proj-service-mesh-rollout', name: 'Service mesh rollout', area: 'platform', repo: 'mesh' },
  { id: 'proj-golden-path-templates', name: 'Golden path templates', area: 'platform', repo: 'golden-path' },
  { id: 'proj-kafka-platform-migration', name: 'Kafka platform migration', area: 'platform', repo: 'kafka-platform' },
  { id: 'proj-tracing-everywhere', name: 'Tracing everywhere', area: 'platform', repo: 'tracing' },
  { id: 'proj-real-time-risk-features', name: 'Real-time risk features', area: 'data', repo: 'risk-features' },
  { id: 'proj-regulatory-reporting-pipeline', name: 'Regulatory reporting pipeline', area: 'data', repo: 'reg-reporting' },
  { id: 'proj-transaction-lakehouse', name: 'Transaction lakehouse', area: 'data', repo: 'lakehouse' },
  { id: 'proj-document-extraction', name: 'Document extraction with LLMs', area: 'data', repo: 'doc-extraction' },
  { id: 'proj-zero-trust-access', name: 'Zero-trust access', area: 'security', repo: 'zero-trust' },
  { id: 'proj-secrets-rotation', name: 'Automated secrets rotation', area: 'security', repo: 'secrets-rotation' },
  { id: 'proj-card-data-vault', name: 'Card data vault', area: 'security', repo: 'card-vault' },
];

const FIRST_NAMES: readonly string[] = [
  'Amara', 'Bartek', 'Chiara', 'Dmitri', 'Efua', 'Farhan', 'Grete', 'Hiroshi', 'Ines', 'Jonas',
  'Kavya', 'Luca', 'Mei', 'Nnamdi', 'Olga', 'Pedro', 'Quynh', 'Rania', 'Sven', 'Tariq',
  'Uma', 'Valentina', 'Wiremu', 'Ximena', 'Yusuf', 'Zanele', 'Aroha', 'Bilal', 'Catalina', 'Deniz',
  'Emeka', 'Freya', 'Gaurav', 'Hana', 'Ivo', 'Jia', 'Kofi', 'Leilani', 'Mateus', 'Noor',
  'Oisin', 'Priya', 'Rafael', 'Sakura', 'Tomasz', 'Usha', 'Viktor', 'Wanjiru',
];

const LAST_NAMES: readonly string[] = [
  'Adeyemi', 'Bergstrand', 'Castellano', 'Dvorak', 'Eze', 'Fonseca', 'Gallardo', 'Haddad', 'Ishikawa', 'Jovanovic',
  'Kaur', 'Lindqvist', 'Mbeki', 'Nakamura', 'Okonkwo', 'Petrov', 'Quispe', 'Rahman', 'Sorensen', 'Takahashi',
  'Umarov', 'Varga', 'Whitford', 'Xu', 'Yilmaz', 'Zielinski', 'Achterberg', 'Banerjee', 'Celik', 'Delacroix',
  'Esposito', 'Ferreira', 'Ghosh', 'Horvath', 'Iqbal', 'Jankowski', 'Kowalczyk', 'Lestari', 'Moreau', 'Ndlovu',
  'Oyelaran', 'Pham', 'Rossetti', 'Santos', 'Tanaka', 'Van der Berg', 'Wojcik', 'Zhang',
];

const SKILL_TOPICS: Readonly<Record<string, readonly string[]>> = {
  go: ['goroutine leak in the worker pool', 'context deadlines in the bank client', 'the shared Go money package', 'graceful shutdown of the batch runner'],
  kafka: ['consumer lag alerting', 'dead-letter topic handling', 'idempotent producer settings', 'partition rebalancing during deploys'],
  cassandra: ['partition key redesign', 'tombstone build-up on history tables', 'read repair tuning', 'time-bucketed transaction history'],
  kubernetes: ['pod disruption budgets', 'horizontal autoscaling policy', 'node pool upgrades', 'resource requests for payment workers'],
  typescript: ['strict null checks in the API client', 'shared request and response types', 'typed feature flag helpers', 'zod validation at the edge'],
  react: ['accessible form components', 'virtualised transaction table', 'optimistic updates in the case view', 'design system adoption'],
  postgresql: ['indexes on ledger postings', 'online schema migration', 'connection pool sizing', 'partitioning the journal table'],
  observability: ['trace propagation across Kafka', 'SLO burn-rate alerts', 'structured logging fields', 'payment funnel dashboards'],
  'llm-tooling': ['prompt evaluation harness', 'redacting card data before model calls', 'retrieval over dispute policies', 'model fallback routing'],
  'card-clearing': ['scheme clearing file parser', 'interchange fee reconciliation', 'late presentment handling', 'chargeback cycle states'],
  terraform: ['IAM role modules', 'splitting state per environment', 'drift detection in CI', 'network policy modules'],
  grpc: ['deadline propagation', 'proto versioning rules', 'client-side load balancing', 'retry budgets for internal calls'],
};

const GENERIC_TOPICS: readonly string[] = ['on-call handover notes', 'release checklists', 'the onboarding guide', 'team working agreements'];

const INCIDENT_SUBJECTS: Readonly<Record<AreaId, readonly string[]>> = {
  payments: ['delayed payouts to merchants', 'duplicate settlement entries', 'elevated card declines', 'failed nightly reconciliation'],
  lending: ['stuck loan applications', 'late repayment schedule run', 'credit bureau timeouts', 'wrong interest on early settlements'],
  'customer-operations-tooling': ['agent console timeouts', 'dispute cases not syncing', 'KYC queue backlog', 'missing customer notes'],
  platform: ['cluster upgrade stalled deploys', 'consumer lag spike on authorisations', 'DNS resolution failures', 'runaway log volume'],
  data: ['late regulatory report extract', 'stale risk features', 'lakehouse compaction backlog', 'schema change broke a pipeline'],
  security: ['expired TLS certificate on a partner link', 'key rotation blocked payments', 'SSO outage for agents', 'leaked test credential'],
};

const PR_VERBS: readonly string[] = ['Fix', 'Add', 'Improve', 'Refactor', 'Harden', 'Simplify'];

const KIND_WEIGHTS: Readonly<Record<string, readonly (readonly [DemoEvidenceKind, number])[]>> = {
  mastery: [['pull-request', 55], ['design', 25], ['review', 20]],
  impact: [['pull-request', 35], ['incident', 35], ['design', 30]],
  influence: [['rfc', 35], ['mentoring', 25], ['review', 20], ['talk', 20]],
  'communication-feedback': [['incident', 30], ['review', 25], ['rfc', 20], ['talk', 25]],
  leadership: [['mentoring', 35], ['design', 20], ['rfc', 20], ['incident', 25]],
};

// ---------------------------------------------------------------------------------------------
// Framework lookups

interface Cell {
  competencyId: string;
  level: number;
  behaviourIds: string[];
}

function frameworkCells(): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const behaviour of demoFramework.behaviours as (DraftBehaviour & { id: string })[]) {
    const key = `${behaviour.competencyId}:${behaviour.level}`;
    const cell = cells.get(key) ?? { competencyId: behaviour.competencyId, level: behaviour.level, behaviourIds: [] };
    cell.behaviourIds.push(behaviour.id);
    cells.set(key, cell);
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// Builder

interface EngineerProfile {
  engineer: DemoEngineer;
  area: AreaSeed;
  trueLevels: Map<string, number>;
  skills: string[];
}

interface Draft {
  engineerId: string;
  kind: DemoEvidenceKind;
  day: number;
  project: ProjectSeed;
  skillIds: string[];
  behaviourIds: string[];
  outcome: DemoEvidenceOutcome;
  reviewerId: string;
  endorserId?: string;
  order: number;
}

export function buildDemoOrganisation(options: DemoOrganisationOptions = {}): DemoOrganisation {
  const engineerCount = options.engineers ?? DEMO_DEFAULT_ENGINEERS;
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const squadCount = AREAS.reduce((sum, area) => sum + area.squads.length, 0);
  if (!Number.isInteger(engineerCount) || engineerCount < DIRECTORATES.length + squadCount) {
    throw new RangeError(`the demo organisation needs at least ${DIRECTORATES.length + squadCount} engineers`);
  }
  const random = seededRandom(seed);
  const policy = demoFramework.policy ?? { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null };
  const cells = frameworkCells();
  const competencyIds = demoFramework.competencies.map((competency) => competency.id);
  const competencyOf = new Map(demoFramework.behaviours.map((behaviour) => [behaviour.id ?? '', behaviour.competencyId]));

  // Teams -------------------------------------------------------------------------------------
  const teams: DemoTeam[] = [];
  const teamArea = new Map<string, AreaSeed>();
  const teamFocus = new Map<string, string | undefined>();
  for (const area of AREAS) {
    for (const [slug, name, focus] of area.squads) {
      const team: DemoTeam = { id: `team-${area.id}-${slug}`, name, area: area.id };
      teams.push(team);
      teamArea.set(team.id, area);
      teamFocus.set(team.id, focus);
    }
  }

  // Engineers ---------------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const newPerson = (): { name: string; email: string } => {
    let first = pick(random, FIRST_NAMES);
    let last = pick(random, LAST_NAMES);
    for (let attempt = 0; attempt < 20 && usedNames.has(`${first} ${last}`); attempt++) {
      first = pick(random, FIRST_NAMES);
      last = pick(random, LAST_NAMES);
    }
    const name = `${first} ${last}`;
    usedNames.add(name);
    const local = `${slugify(first).replace(/-/g, '')}.${slugify(last).replace(/-/g, '')}`;
    let email = `${local}@demo.skills-graph.test`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@demo.skills-graph.test`;
    usedEmails.add(email);
    return { name, email };
  };

  const profiles: EngineerProfile[] = [];
  const latestJoin = toDay('2026-06-30');
  const addEngineer = (
    teamId: string,
    managerId: string | null,
    role: 'director' | 'lead' | 'ic',
    directorOf?: readonly AreaId[],
  ): EngineerProfile => {
    const area = teamArea.get(teamId);
    if (!area) throw new Error(`unknown team ${teamId}`);
    const id = `eng-${String(profiles.length + 1).padStart(4, '0')}`;
    const { name, email } = newPerson();

    const base =
      role === 'director'
        ? weighted(random, [[5, 7], [6, 3]] as const)
        : role === 'lead'
          ? weighted(random, [[3, 15], [4, 50], [5, 30], [6, 5]] as const)
          : weighted(random, [[1, 15], [2, 30], [3, 30], [4, 16], [5, 7], [6, 2]] as const);
    const trueLevels = new Map<string, number>();
    for (const competencyId of competencyIds) {
      let level = base + (role === 'director' ? weighted(random, [[-1, 1], [0, 4]] as const) : pick(random, [-1, 0, 0, 0, 1]));
      if (competencyId === 'leadership') level += role === 'ic' ? -1 : role === 'lead' ? 1 : 0;
      trueLevels.set(competencyId, Math.min(6, Math.max(1, level)));
    }

    const weights = area.skillWeights.map(([skill, weight]) => [skill, weight + (teamFocus.get(teamId) === skill ? 8 : 0)] as const);
    const focus = teamFocus.get(teamId);
    const allWeights = focus && !weights.some(([skill]) => skill === focus) ? [...weights, [focus, 8] as const] : weights;
    const skillCount = weighted(random, [[1, 35], [2, 45], [3, 20]] as const);
    const skills: string[] = [];
    while (skills.length < skillCount) {
      const remaining = allWeights.filter(([skill]) => !skills.includes(skill));
      if (remaining.length === 0) break;
      skills.push(weighted(random, remaining));
    }

    const title =
      role === 'director'
        ? `Director of Engineering, ${(directorOf ?? [area.id]).map((areaId) => AREAS.find((a) => a.id === areaId)?.name ?? areaId).join(' & ')}`
        : role === 'lead'
          ? 'Engineering Lead'
          : (['Associate Software Engineer', 'Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Principal Engineer', 'Distinguished Engineer'][base - 1] ?? 'Software Engineer');
    const tenureDays = int(random, role === 'ic' ? 20 : 400, Math.round((1 + base * 1.4) * 365));
    const engineer: DemoEngineer = { id, name, email, teamId, managerId, title, joinedOn: fromDay(latestJoin - tenureDays) };
    const profile: EngineerProfile = { engineer, area, trueLevels, skills };
    profiles.push(profile);
    return profile;
  };

  const directorByArea = new Map<AreaId, string>();
  for (const areaIds of DIRECTORATES) {
    const home = teams.find((team) => team.area === areaIds[0]);
    if (!home) throw new Error('directorate without squads');
    const director = addEngineer(home.id, null, 'director', areaIds);
    for (const areaId of areaIds) directorByArea.set(areaId, director.engineer.id);
  }
  const leadByTeam = new Map<string, string>();
  for (const team of teams) {
    const directorId = directorByArea.get(team.area as AreaId) ?? null;
    leadByTeam.set(team.id, addEngineer(team.id, directorId, 'lead').engineer.id);
  }
  const icCount = engineerCount - profiles.length;
  const teamSizeWeights = teams.map((team) => [team, 0.6 + random()] as const);
  for (let i = 0; i < icCount; i++) {
    // Two engineers per squad first so that every squad has teammates, then weighted at random.
    const team = i < teams.length * 2 ? (teams[i % teams.length] as DemoTeam) : weighted(random, teamSizeWeights);
    addEngineer(team.id, leadByTeam.get(team.id) ?? null, 'ic');
  }

  const membersByTeam = new Map<string, string[]>();
  for (const { engineer } of profiles) {
    const members = membersByTeam.get(engineer.teamId) ?? [];
    members.push(engineer.id);
    membersByTeam.set(engineer.teamId, members);
  }

  // Evidence ----------------------------------------------------------------------------------
  const windowStart = toDay(DEMO_EVIDENCE_FROM);
  const windowEnd = toDay(DEMO_REFERENCE_DATE) - 1;
  const drafts: Draft[] = [];
  const areaProjects = (areaId: AreaId): ProjectSeed[] => PROJECTS.filter((project) => project.area === areaId);

  for (const profile of profiles) {
    const { engineer, area, trueLevels, skills } = profile;
    const reviewerId = engineer.managerId ?? leadByTeam.get(engineer.teamId) ?? engineer.id;
    const teammates = (membersByTeam.get(engineer.teamId) ?? []).filter((id) => id !== engineer.id && id !== reviewerId);
    const from = Math.max(windowStart, toDay(engineer.joinedOn));
    const span = Math.max(1, windowEnd - from);
    const maxLevel = Math.max(...trueLevels.values());
    const projects = areaProjects(area.id);
    const mainSkill = skills[0];

    const tagSkills = (competencyIds: readonly string[]): string[] => {
      const technical = competencyIds.some((id) => id === 'mastery' || id === 'impact');
      const tags: string[] = [];
      skills.forEach((skill, index) => {
        const chance = index === 0 ? (technical ? 1 : 0.85) : technical ? 0.7 : 0.45;
        if (random() < chance) tags.push(skill);
      });
      if (random() < 0.1) {
        const other = pick(random, SKILLS).id;
        if (!tags.includes(other)) tags.push(other);
      }
      if (tags.length === 0 && mainSkill && random() < 0.5) tags.push(mainSkill);
      return tags;
    };

    const push = (behaviourIds: string[], outcome: DemoEvidenceOutcome, dayFraction: number): void => {
      const competencies = [...new Set(behaviourIds.map((id) => competencyOf.get(id) ?? 'mastery'))];
      const firstCompetency = competencies[0] ?? 'mastery';
      const kind = weighted(random, KIND_WEIGHTS[firstCompetency] ?? KIND_WEIGHTS['mastery'] ?? []);
      const project = random() < 0.85 && projects.length > 0 ? pick(random, projects) : pick(random, PROJECTS);
      let finalOutcome = outcome;
      let endorserId: string | undefined;
      if (finalOutcome === 'endorsed-then-approved') {
        if (teammates.length > 0) endorserId = pick(random, teammates);
        else finalOutcome = 'approved';
      }
      drafts.push({
        engineerId: engineer.id,
        kind,
        day: from + Math.min(span, Math.floor(dayFraction * span)),
        project,
        skillIds: tagSkills(competencies),
        behaviourIds,
        outcome: finalOutcome,
        reviewerId,
        ...(endorserId ? { endorserId } : {}),
        order: drafts.length,
      });
    };

    // Approved evidence that demonstrates every level up to the true level.
    let approvedCount = 0;
    for (let level = 1; level <= maxLevel; level++) {
      const groups: string[][] = [];
      const singles: string[][] = [];
      for (const competencyId of competencyIds) {
        const cell = cells.get(`${competencyId}:${level}`);
        if (!cell || level > (trueLevels.get(competencyId) ?? 0)) continue;
        const needed = Math.max(1, Math.ceil(policy.coverageShare * cell.behaviourIds.length - 1e-9));
        const count = Math.min(cell.behaviourIds.length, needed + (random() < 0.1 ? 1 : 0));
        const chosen = shuffled(random, cell.behaviourIds).slice(0, count);
        while (chosen.length > 0) {
          const size = Math.min(chosen.length, weighted(random, [[1, 15], [2, 50], [3, 35]] as const));
          const group = chosen.splice(0, size);
          (group.length === 1 ? singles : groups).push(group);
        }
      }
      // Single-behaviour claims at the same level are often one piece of work seen from two angles.
      for (const group of groups) {
        if (group.length === 2 && singles.length > 0 && random() < 0.5) group.push(...(singles.shift() as string[]));
      }
      while (singles.length > 0) {
        const first = singles.shift() as string[];
        if (singles.length > 0 && random() < 0.8) groups.push([...first, ...(singles.shift() as string[])]);
        else groups.push(first);
      }
      for (const group of groups) {
        const outcome: DemoEvidenceOutcome = random() < 0.19 ? 'endorsed-then-approved' : 'approved';
        push(group, outcome, (level - 1 + random()) / maxLevel);
        approvedCount++;
      }
    }

    // Noise: rejected claims (often over-reaching a level) and claims still waiting for review.
    const noise = Math.round(approvedCount * 0.2 + random() * 1.5);
    for (let i = 0; i < noise; i++) {
      const competencyId = pick(random, competencyIds);
      const trueLevel = trueLevels.get(competencyId) ?? 1;
      const rejected = random() < 0.55;
      const candidates = [...cells.values()].filter(
        (cell) => cell.competencyId === competencyId && cell.level <= Math.min(6, trueLevel + (rejected ? 1 : 0)),
      );
      const target = rejected
        ? candidates.reduce<Cell | undefined>((best, cell) => (!best || cell.level > best.level ? cell : best), undefined)
        : candidates.length > 0
          ? pick(random, candidates)
          : undefined;
      if (!target) continue;
      const behaviourIds = shuffled(random, target.behaviourIds).slice(0, int(random, 1, Math.min(2, target.behaviourIds.length)));
      push(behaviourIds, rejected ? 'rejected' : 'pending', rejected ? random() : 0.7 + 0.3 * random());
    }
  }

  // Chronological ids, titles and urls --------------------------------------------------------
  drafts.sort((a, b) => a.day - b.day || a.order - b.order);
  const prCounters = new Map<string, number>();
  let rfcCounter = int(random, 180, 260);
  let incidentCounter = int(random, 3100, 3600);
  const evidence: DemoEvidence[] = drafts.map((draft, index) => {
    const date = fromDay(draft.day);
    const topicSkill = draft.skillIds[0];
    const topic = pick(random, (topicSkill ? SKILL_TOPICS[topicSkill] : undefined) ?? GENERIC_TOPICS);
    const { project } = draft;
    let title: string;
    let url: string;
    switch (draft.kind) {
      case 'pull-request':
      case 'review': {
        const next = (prCounters.get(project.repo) ?? int(random, 400, 3000)) + int(random, 1, 9);
        prCounters.set(project.repo, next);
        title = draft.kind === 'pull-request' ? `${project.name}: ${pick(random, PR_VERBS).toLowerCase()} ${topic}` : `Review of ${topic} changes in ${project.name}`;
        url = `https://git.demo.skills-graph.test/${project.area}/${project.repo}/pull/${next}`;
        break;
      }
      case 'rfc':
        rfcCounter += 1;
        title = `RFC-${rfcCounter}: ${topic} for ${project.name}`;
        url = `https://docs.demo.skills-graph.test/rfcs/rfc-${rfcCounter}-${slugify(topic)}`;
        break;
      case 'design':
        title = `Design doc: ${topic} in ${project.name}`;
        url = `https://docs.demo.skills-graph.test/design/${project.repo}/${slugify(topic)}`;
        break;
      case 'incident': {
        incidentCounter += int(random, 1, 4);
        const subject = pick(random, INCIDENT_SUBJECTS[project.area]);
        title = `Incident review INC-${incidentCounter}: ${subject} (${project.name})`;
        url = `https://incidents.demo.skills-graph.test/INC-${incidentCounter}`;
        break;
      }
      case 'talk':
        title = `Talk: what ${project.name} taught us about ${topic}`;
        url = `https://wiki.demo.skills-graph.test/talks/${date}-${slugify(topic)}`;
        break;
      case 'mentoring':
        title = `Mentoring sessions on ${topic}`;
        url = `https://wiki.demo.skills-graph.test/mentoring/${draft.engineerId}/${date}`;
        break;
    }
    const item: DemoEvidence = {
      id: `ev-${String(index + 1).padStart(6, '0')}`,
      engineerId: draft.engineerId,
      kind: draft.kind,
      title,
      url,
      date,
      projectId: project.id,
      skillIds: draft.skillIds,
      behaviourIds: draft.behaviourIds,
      outcome: draft.outcome,
      reviewerId: draft.reviewerId,
    };
    if (draft.endorserId) item.endorserId = draft.endorserId;
    return item;
  });

  return {
    skills: SKILLS.map((skill) => ({ ...skill, aliases: [...skill.aliases] })),
    teams,
    engineers: profiles.map((profile) => profile.engineer),
    projects: PROJECTS.map(({ id, name }) => ({ id, name })),
    evidence,
  };
}
