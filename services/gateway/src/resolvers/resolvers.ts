import { randomUUID } from 'node:crypto';
import {
  ImportFrameworkCommand,
  PublishFrameworkCommand,
  RegisterSkillCommand,
  ReviewEvidenceCommand,
  SubmitEvidenceCommand,
  type Actor,
  type CommandMeta,
  type CommandSender,
  type EvidenceReview,
  type FrameworkFileFormat,
  type AuditTrailQuery,
} from '@skills-graph/contracts';
import { competencySlug, normaliseSkillName } from '@skills-graph/domain';
import { encodeCursor } from '@skills-graph/read-model';
import type {
  BehaviourView,
  DemonstratedLevelView,
  EngineerFilter,
  EngineerView,
  EvidenceView,
  FrameworkVersionView,
  ProjectionProgress,
  SkillsGraphReadModel,
} from '@skills-graph/read-model';
import { GatewayError } from '../errors/gateway-error.js';
import { CatalogueCache } from './catalogue-cache.js';
import type { Loaders } from './loaders.js';
import { createPeopleResolvers } from '../use-cases/people/people.resolver.js';
import { amendEvidenceResolvers } from '../use-cases/amend-evidence/amend-evidence.resolver.js';
import { calibrateLevelResolvers } from '../use-cases/calibrate-level/calibrate-level.resolver.js';
import type { UseCaseKit } from '../use-cases/use-case-kit.js';
import { auditTrailResolvers } from '../use-cases/audit-trail/audit-trail.resolver.js';
import { importFrameworkInput, pastInstant, parseInput, registerSkillInput, rejectionReason, submitEvidenceInput, toEvidenceKind } from './mutation-inputs.js';

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
  /** The audit-trail query over the event log (absent: the gateway cannot reach the log). */
  auditTrail?: AuditTrailQuery;
}

interface EngineerFilterArgs {
  framework?: string | null;
  competency?: string | null;
  level?: number | null;
  levelAtLeast?: number | null;
  skill?: string | null;
  team?: string | null;
  includeLeavers?: boolean | null;
}

const upper = (value: string) => value.toUpperCase().replace(/-/g, '_');

export function createResolvers(deps: ResolverDependencies) {
  const { readModel, commands, progress } = deps;
  const catalogue = new CatalogueCache(readModel, progress);
  const now = deps.now ?? (() => new Date());

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
    const known = [...(await competencyCatalogue(frameworkId)).values()];
    const match = known.find((c) => c.id === slug || competencySlug(c.name) === slug);
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
    return { ...outcome, evidence: await context.loaders.evidence.load(outcome.evidenceId) };
  };

  const review = async (evidenceId: string, reviewAction: EvidenceReview, context: GatewayContext) =>
    evidenceResult(await commands.send(new ReviewEvidenceCommand({ evidenceId, review: reviewAction }, meta(context))), context);

  const kit: UseCaseKit = { readModel, commands, meta, waitFor, resolveCompetency, resolveSkillId, defaultFrameworkId, competencyOf, evidenceResult };
  const calibration = calibrateLevelResolvers(kit);
  const audit = auditTrailResolvers(deps);

  return {
    Query: {
      async engineers(_: unknown, args: { filter?: EngineerFilterArgs | null; first: number; after?: string | null; waitForPosition?: string | null }) {
        if (args.waitForPosition) {
          if (!/^\d+$/.test(args.waitForPosition)) throw new GatewayError('BAD_USER_INPUT', 'waitForPosition must be a position returned by a mutation', 'waitForPosition');
          await waitFor(args.waitForPosition);
        }
        const f = args.filter ?? {};
        const frameworkId = f.framework ?? undefined;
        const filter: EngineerFilter = {
          ...(frameworkId !== undefined && { frameworkId }),
          ...(f.competency != null && { competencyId: await resolveCompetency(f.competency, 'filter.competency', frameworkId) }),
          ...(f.skill != null && { skillId: await resolveSkillId(f.skill, 'filter.skill') }),
          ...(f.level != null && { level: f.level }),
          ...(f.levelAtLeast != null && { levelAtLeast: f.levelAtLeast }),
          ...(f.team != null && { teamId: f.team }),
          includeLeavers: f.includeLeavers ?? false,
        };
        const page = await readModel.findEngineers(filter, { first: args.first, ...(args.after != null && { after: args.after }) });
        return {
          totalCount: page.totalCount,
          nodes: page.items,
          edges: page.items.map((node) => ({ node, cursor: encodeCursor(node) })),
          pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
        };
      },
      engineer: (_: unknown, args: { id: string }, context: GatewayContext) => context.loaders.engineer.load(args.id),
      evidence: (_: unknown, args: { id: string }, context: GatewayContext) => context.loaders.evidence.load(args.id),
      frameworks: async () => (await readModel.frameworks()).map((f) => ({ id: f.frameworkId, name: f.name, latestVersion: f.latestVersion, publishedVersion: f.publishedVersion, currentVersion: f.publishedVersion })),
      framework: (_: unknown, args: { id: string; version?: number | null }) => readModel.frameworkVersion(args.id, args.version ?? undefined),
      skills: () => readModel.skills(),
      teams: () => readModel.teams(),
      ...audit.Query,
    },

    Engineer: {
      status: (e: EngineerView) => upper(e.status),
      team: (e: EngineerView, _: unknown, context: GatewayContext) => context.loaders.team.load(e.teamId),
      manager: (e: EngineerView, _: unknown, context: GatewayContext) => (e.managerId ? context.loaders.engineer.load(e.managerId) : null),
      async levels(e: EngineerView, args: { competency?: string | null; skill?: string | null; asOf?: string | null }, context: GatewayContext) {
        const competencyId = args.competency != null ? await resolveCompetency(args.competency, 'competency') : undefined;
        const skillId = args.skill != null ? await resolveSkillId(args.skill, 'skill') : undefined;
        const levels =
          args.asOf != null ? await context.loaders.levelsAsOf(pastInstant(args.asOf, 'asOf', now())).load(e.id) : await context.loaders.levels.load(e.id);
        return levels.filter((l) => (competencyId === undefined || l.competencyId === competencyId) && (skillId === undefined || l.skillId === skillId));
      },
      async evidence(e: EngineerView, args: { status?: string | null }, context: GatewayContext) {
        const all = await context.loaders.evidenceOfEngineer.load(e.id);
        return args.status ? all.filter((ev) => upper(ev.status) === args.status) : all;
      },
      ...calibration.Engineer,
    },

    ...calibration.types,
    ...audit.types,

    DemonstratedLevel: {
      competency: (l: DemonstratedLevelView) => competencyOf(l.competencyId),
      skill: (l: DemonstratedLevelView) => (l.skillId === null ? null : skillOf(l.skillId)),
      evidence: async (l: DemonstratedLevelView, _: unknown, context: GatewayContext) =>
        (await context.loaders.evidence.loadMany(l.evidenceIds)).filter((ev): ev is EvidenceView => ev !== null && !(ev instanceof Error)),
    },

    Evidence: {
      kind: (ev: EvidenceView) => upper(ev.kind),
      status: (ev: EvidenceView) => upper(ev.status),
      engineer: (ev: EvidenceView, _: unknown, context: GatewayContext) => context.loaders.engineer.load(ev.engineerId),
      skills: (ev: EvidenceView) => Promise.all(ev.skillIds.map((id) => skillOf(id))),
      behaviours: async (ev: EvidenceView, _: unknown, context: GatewayContext) =>
        (await context.loaders.behaviour.loadMany(ev.behaviourIds)).filter((b): b is BehaviourView => b !== null && !(b instanceof Error)),
      endorsedBy: async (ev: EvidenceView, _: unknown, context: GatewayContext) =>
        (await context.loaders.engineer.loadMany(ev.endorserIds)).filter((e): e is EngineerView => e !== null && !(e instanceof Error)),
      reviewedBy: (ev: EvidenceView, _: unknown, context: GatewayContext) => (ev.reviewerId ? context.loaders.engineer.load(ev.reviewerId) : null),
    },

    Behaviour: {
      competency: (b: BehaviourView) => competencyOf(b.competencyId),
    },

    FrameworkVersion: {
      id: (f: FrameworkVersionView) => f.frameworkId,
      behaviours: (f: FrameworkVersionView, args: { competency?: string | null; level?: number | null }) =>
        f.behaviours.filter(
          (b) => (args.competency == null || b.competencyId === competencySlug(args.competency)) && (args.level == null || b.level === args.level),
        ),
      changes: (f: FrameworkVersionView) => ({
        ...f.changes,
        reworded: f.changes.reworded.map((r) => ({ ...r, kind: r.kind === 'case-or-punctuation' ? 'CASE_OR_PUNCTUATION' : 'REWORDED' })),
        moved: f.changes.moved.map((m) => m.id),
      }),
    },

    Mutation: {
      async importFramework(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = meta(context);
        const input = parseInput(importFrameworkInput, args.input, 'input');
        const outcome = await commands.send(
          new ImportFrameworkCommand(
            { frameworkId: input.frameworkId, format: input.format.toLowerCase() as FrameworkFileFormat, content: input.content, publish: input.publish, confirmRetirements: input.confirmRetirements },
            commandMeta,
          ),
        );
        await waitFor(outcome.position);
        return outcome;
      },
      async publishFramework(_: unknown, args: { id: string; version: number; confirmRetirements?: boolean | null }, context: GatewayContext) {
        const outcome = await commands.send(
          new PublishFrameworkCommand({ frameworkId: args.id, version: args.version, confirmRetirements: args.confirmRetirements ?? false }, meta(context)),
        );
        await waitFor(outcome.position);
        return outcome;
      },
      async registerSkill(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = meta(context);
        const input = parseInput(registerSkillInput, args.input, 'input');
        const outcome = await commands.send(new RegisterSkillCommand({ skillId: input.id, name: input.name, aliases: input.aliases }, commandMeta));
        await waitFor(outcome.position);
        return outcome;
      },
      async submitEvidence(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = meta(context);
        const input = parseInput(submitEvidenceInput, args.input, 'input');
        const skillIds: string[] = [];
        for (const [i, name] of input.skills.entries()) skillIds.push(await resolveSkillId(name, `input.skills[${i}]`));
        const frameworkId = input.frameworkId ?? (await defaultFrameworkId());
        const outcome = await commands.send(
          new SubmitEvidenceCommand(
            {
              evidenceId: input.id ?? randomUUID(),
              engineerId: input.engineerId,
              frameworkId,
              kind: toEvidenceKind(input.kind),
              title: input.title,
              url: input.url ?? null,
              date: input.date,
              projectId: input.projectId ?? null,
              skillIds,
              behaviourIds: input.behaviourIds,
            },
            commandMeta,
          ),
        );
        return evidenceResult(outcome, context);
      },
      endorseEvidence: (_: unknown, args: { id: string; comment?: string | null }, context: GatewayContext) =>
        review(args.id, { action: 'endorse', comment: args.comment?.trim() || null }, context),
      approveEvidence: (_: unknown, args: { id: string }, context: GatewayContext) => review(args.id, { action: 'approve' }, context),
      rejectEvidence: (_: unknown, args: { id: string; reason: string }, context: GatewayContext) =>
        review(args.id, { action: 'reject', reason: parseInput(rejectionReason, args.reason, 'reason') }, context),
      withdrawEvidence: (_: unknown, args: { id: string }, context: GatewayContext) => review(args.id, { action: 'withdraw' }, context),
      ...createPeopleResolvers(deps).Mutation,
      ...calibration.Mutation,
      ...amendEvidenceResolvers(kit).Mutation,
    },
  };
}
