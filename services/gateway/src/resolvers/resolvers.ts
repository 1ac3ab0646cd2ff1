import {
  type Actor,
  type CommandMeta,
  type CommandSender,
  type AuditTrailQuery,
} from '@skills-graph/contracts';
import { competencySlug, normaliseSkillName } from '@skills-graph/domain';
import type { ProjectionProgress, SkillsGraphReadModel } from '@skills-graph/read-model';
import { GatewayError } from '../errors/gateway-error.js';
import { CatalogueCache } from './catalogue-cache.js';
import type { Loaders } from './loaders.js';
import { createPeopleResolvers } from '../use-cases/people/people.resolver.js';
import { amendEvidenceResolvers } from '../use-cases/amend-evidence/amend-evidence.resolver.js';
import { calibrateLevelResolvers } from '../use-cases/calibrate-level/calibrate-level.resolver.js';
import type { UseCaseKit } from '../use-cases/use-case-kit.js';
import { createAccess } from '../use-cases/access.js';
import { readEngineersResolvers } from '../use-cases/read-engineers/read-engineers.resolver.js';
import { readEvidenceResolvers } from '../use-cases/read-evidence/read-evidence.resolver.js';
import { readCatalogueResolvers } from '../use-cases/read-catalogue/read-catalogue.resolver.js';
import { importFrameworkResolvers } from '../use-cases/import-framework/import-framework.resolver.js';
import { publishFrameworkResolvers } from '../use-cases/publish-framework/publish-framework.resolver.js';
import { registerSkillResolvers } from '../use-cases/register-skill/register-skill.resolver.js';
import { submitEvidenceResolvers } from '../use-cases/submit-evidence/submit-evidence.resolver.js';
import { reviewEvidenceResolvers } from '../use-cases/review-evidence/review-evidence.resolver.js';
import { delegateApprovalsResolvers } from '../use-cases/delegate-approvals/delegate-approvals.resolver.js';
import { auditTrailResolvers } from '../use-cases/audit-trail/audit-trail.resolver.js';
import { eraseEngineerResolvers } from '../use-cases/erase-engineer/erase-engineer.resolver.js';
import { gapToNextLevelResolvers } from '../use-cases/gap-to-next-level/gap-to-next-level.resolver.js';
import { promotionReadinessResolvers } from '../use-cases/promotion-readiness/promotion-readiness.resolver.js';
import { findEngineersResolvers } from '../use-cases/find-engineers/find-engineers.resolver.js';
import { levelDistributionResolvers } from '../use-cases/level-distribution/level-distribution.resolver.js';
import { skillCoverageResolvers } from '../use-cases/skill-coverage/skill-coverage.resolver.js';
import { progressionResolvers } from '../use-cases/progression/progression.resolver.js';

export interface GatewayContext {
  actor: Actor | null;
  correlationId: string;
  loaders: Loaders;
}

export interface ResolverDependencies {
  readModel: SkillsGraphReadModel;
  commands: CommandSender;
  progress: ProjectionProgress;
  readYourWritesTimeoutMs: number;
  /** Clock for command timestamps; injected so tests can pin it. */
  now?: () => Date;
  /** AUTH_MODE: in demo mode a request without x-actor-id reads as the demo visitor (docs/access-policy.md). Default jwt. */
  authMode?: 'demo' | 'jwt';
  /** The audit-trail query over the event log (absent: the gateway cannot reach the log). */
  auditTrail?: AuditTrailQuery;
}

export function createResolvers(deps: ResolverDependencies) {
  const { readModel, commands, progress } = deps;
  const catalogue = new CatalogueCache(readModel, progress);
  const now = deps.now ?? (() => new Date());
  const access = createAccess({ authMode: deps.authMode ?? 'jwt', now });

  const meta = (context: GatewayContext): CommandMeta => {
    if (!context.actor) {
      throw new GatewayError('UNAUTHENTICATED', 'Sign in to change anything: send a Bearer token (or x-actor-id in demo mode)');
    }
    return { actor: context.actor, correlationId: context.correlationId, issuedAt: now().toISOString() };
  };

  const waitFor = async (position: string) => {
    await progress.waitForPosition(BigInt(position), deps.readYourWritesTimeoutMs);
  };

  /** Competencies by id: of one framework's current version when asked, else of every framework. */
  const competencyCatalogue = async (frameworkId?: string) => {
    if (frameworkId === undefined) return (await catalogue.get()).competencies;
    return new Map(((await readModel.frameworkVersion(frameworkId))?.competencies ?? []).map((c) => [c.id, c]));
  };

  const resolveCompetency = async (nameOrId: string, field: string, frameworkId?: string): Promise<string> => {
    const slug = competencySlug(nameOrId);
    const byId = await competencyCatalogue(frameworkId);
    // Usually the slug is the id (a competency's id is its name's slug): one lookup, no slug per competency.
    const direct = byId.get(slug);
    if (direct) return direct.id;
    const known = [...byId.values()];
    const match = known.find((c) => competencySlug(c.name) === slug);
    if (!match) {
      throw new GatewayError('BAD_USER_INPUT', `Unknown competency '${nameOrId}'; known: ${known.map((c) => c.name).join(', ') || 'none (import a framework first)'}`, field);
    }
    return match.id;
  };

  /** The framework evidence is claimed against when the input names none: the only published one. */
  const defaultFrameworkId = async (): Promise<string> => {
    const published = (await readModel.frameworks()).filter((f) => f.publishedVersion !== null);
    if (published.length === 1) return published[0]!.frameworkId;
    const choices = published.map((f) => f.frameworkId).join(', ');
    throw new GatewayError('BAD_USER_INPUT', published.length === 0 ? 'No framework is published yet' : `Several frameworks are published (${choices}); pass input.frameworkId`, 'input.frameworkId');
  };

  const resolveSkillId = async (nameOrAlias: string, field: string): Promise<string> => {
    const skill = (await catalogue.get()).skillsByName.get(normaliseSkillName(nameOrAlias));
    if (!skill) throw new GatewayError('BAD_USER_INPUT', `Unknown skill '${nameOrAlias}'`, field);
    return skill.id;
  };

  const competencyOf = async (id: string) => (await catalogue.get()).competencies.get(id) ?? { id, name: id, description: null };
  const skillOf = async (id: string) => (await catalogue.get()).skills.get(id) ?? { id, name: id, aliases: [] };

  const evidenceResult = async (outcome: { evidenceId: string; position: string; changed: boolean }, context: GatewayContext) => {
    await waitFor(outcome.position);
    context.loaders.evidence.clear(outcome.evidenceId);
    const item = await context.loaders.evidence.load(outcome.evidenceId);
    return { ...outcome, evidence: item && (await access.mayReadEvidence(context, item)) ? item : null };
  };

  const kit: UseCaseKit = { readModel, commands, access, now, meta, waitFor, resolveCompetency, resolveSkillId, defaultFrameworkId, competencyOf, skillOf, evidenceResult };
  const calibration = calibrateLevelResolvers(kit);
  const engineers = readEngineersResolvers(kit);
  const evidence = readEvidenceResolvers(kit);
  const catalogueReads = readCatalogueResolvers(kit);
  const audit = auditTrailResolvers(deps);

  return {
    Query: {
      ...engineers.Query,
      ...evidence.Query,
      ...catalogueReads.Query,
      ...audit.Query,
      ...gapToNextLevelResolvers(kit).Query,
      ...promotionReadinessResolvers(kit).Query,
      ...findEngineersResolvers(kit).Query,
      ...levelDistributionResolvers(kit).Query,
      ...skillCoverageResolvers(kit).Query,
      ...progressionResolvers(kit).Query,
    },

    Engineer: {
      ...engineers.Engineer,
      ...calibration.Engineer,
      ...eraseEngineerResolvers(kit).Engineer,
    },

    ...calibration.types,
    ...audit.types,
    ...findEngineersResolvers(kit).types,
    LevelDistributionGroup: levelDistributionResolvers(kit).LevelDistributionGroup,
    SkillCoverageEntry: skillCoverageResolvers(kit).SkillCoverageEntry,

    DemonstratedLevel: { ...evidence.DemonstratedLevel, ...gapToNextLevelResolvers(kit).DemonstratedLevel },
    LevelGap: gapToNextLevelResolvers(kit).LevelGap,
    BehaviourCoverage: gapToNextLevelResolvers(kit).BehaviourCoverage,
    PromotionCandidate: promotionReadinessResolvers(kit).PromotionCandidate,
    Evidence: evidence.Evidence,
    Behaviour: catalogueReads.Behaviour,
    FrameworkVersion: catalogueReads.FrameworkVersion,
    FrameworkSummary: catalogueReads.FrameworkSummary,

    Mutation: {
      ...importFrameworkResolvers(kit).Mutation,
      ...publishFrameworkResolvers(kit).Mutation,
      ...registerSkillResolvers(kit).Mutation,
      ...submitEvidenceResolvers(kit).Mutation,
      ...reviewEvidenceResolvers(kit).Mutation,
      ...delegateApprovalsResolvers(kit).Mutation,
      ...createPeopleResolvers(deps, access).Mutation,
      ...calibration.Mutation,
      ...amendEvidenceResolvers(kit).Mutation,
      ...eraseEngineerResolvers(kit).Mutation,
    },
  };
}
