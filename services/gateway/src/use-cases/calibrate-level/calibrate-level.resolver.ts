import { z } from 'zod';
import { CalibrateLevelCommand, requireRole } from '@skills-graph/contracts';
import type { CalibratedLevelView, DemonstratedLevelView, EngineerView } from '@skills-graph/read-model';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput, submitEvidenceInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Calibrating a level: a promotion panel records the level it agreed for one competency of an engineer,
// with a rationale and the panel's members, beside the level the evidence demonstrates. Both stay visible.

const engineerId = submitEvidenceInput.shape.engineerId;

export const maxRationaleLength = 2_000;
export const maxPanelSize = 20;

export const calibrateLevelInput = z.object({
  engineerId,
  frameworkId: submitEvidenceInput.shape.frameworkId,
  competency: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  level: z.number().int('expected a whole number').min(1, 'levels start at 1'),
  rationale: z.string().trim().min(1, 'a calibration needs a rationale').max(maxRationaleLength, `at most ${maxRationaleLength} characters`),
  panel: z.array(engineerId).min(1, 'name at least one panel member').max(maxPanelSize, `at most ${maxPanelSize} panel members`),
});

/** Who may calibrate: the panel role only (`x-actor-roles: panel` in demo mode, the `roles` claim of a JWT). */
export const calibratingRoles = ['panel'] as const;

/** Per competency: the overall demonstrated level beside the panel's current calibration. */
export interface CompetencyLevels {
  competencyId: string;
  demonstrated: DemonstratedLevelView | null;
  calibrated: CalibratedLevelView | null;
}

export function competencyLevels(levels: readonly DemonstratedLevelView[], calibrations: readonly CalibratedLevelView[]): CompetencyLevels[] {
  const byCompetency = new Map<string, CompetencyLevels>();
  const entry = (competencyId: string) => byCompetency.get(competencyId) ?? byCompetency.set(competencyId, { competencyId, demonstrated: null, calibrated: null }).get(competencyId)!;
  for (const level of levels) {
    if (level.skillId !== null) continue;
    const current = entry(level.competencyId);
    if (!current.demonstrated || level.level > current.demonstrated.level) current.demonstrated = level;
  }
  for (const calibration of calibrations) entry(calibration.competencyId).calibrated = calibration; // recorded order: the last wins
  return [...byCompetency.values()].sort((a, b) => a.competencyId.localeCompare(b.competencyId));
}

export function calibrateLevelResolvers(kit: UseCaseKit) {
  const { readModel, commands } = kit;
  const calibrationsOf = async (engineer: string, context: GatewayContext) => context.loaders.calibrations.load(engineer);
  const competencyFilter = async (competency: string | null | undefined) => (competency != null ? kit.resolveCompetency(competency, 'competency') : undefined);

  return {
    Mutation: {
      async calibrateLevel(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'calibrateLevel');
        requireRole(commandMeta.actor, calibratingRoles, 'calibrate levels');
        const input = parseInput(calibrateLevelInput, args.input, 'input');
        const frameworkId = input.frameworkId ?? (await kit.defaultFrameworkId());
        const version = await readModel.frameworkVersion(frameworkId);
        if (!version?.published) throw new GatewayError('BAD_USER_INPUT', `Framework '${frameworkId}' has no published version`, 'input.frameworkId');
        const competencyId = await kit.resolveCompetency(input.competency, 'input.competency', frameworkId);
        const levels = version.levels.map((l) => l.level);
        if (!levels.includes(input.level)) {
          throw new GatewayError('BAD_USER_INPUT', `input.level: ${input.level} is not a level of framework '${frameworkId}' (levels: ${levels.join(', ')})`, 'input.level');
        }
        const [engineer, ...members] = await readModel.engineersByIds([input.engineerId, ...input.panel]);
        if (!engineer) throw new GatewayError('NOT_FOUND', `Engineer '${input.engineerId}' is unknown`, 'input.engineerId');
        const unknown = members.findIndex((member) => member === null);
        if (unknown >= 0) throw new GatewayError('BAD_USER_INPUT', `input.panel[${unknown}]: '${input.panel[unknown]}' is not a known engineer`, `input.panel[${unknown}]`);

        const outcome = await commands.send(
          new CalibrateLevelCommand({ engineerId: input.engineerId, frameworkId, competencyId, level: input.level, rationale: input.rationale, panel: input.panel }, commandMeta),
        );
        await kit.waitFor(outcome.position);
        context.loaders.calibrations.clear(input.engineerId);
        const calibrations = await calibrationsOf(input.engineerId, context);
        return { ...outcome, engineer, calibratedLevel: calibrations.filter((c) => c.competencyId === competencyId).at(-1) ?? null };
      },
    },

    Engineer: {
      async calibratedLevels(e: EngineerView, args: { competency?: string | null }, context: GatewayContext) {
        const competencyId = await competencyFilter(args.competency);
        if (!(await kit.access.mayReadLevels(context, e.id))) return []; // calibrations are levels: docs/access-policy.md
        return (await calibrationsOf(e.id, context)).filter((c) => competencyId === undefined || c.competencyId === competencyId);
      },
      async competencyLevels(e: EngineerView, args: { competency?: string | null }, context: GatewayContext) {
        const competencyId = await competencyFilter(args.competency);
        if (!(await kit.access.mayReadLevels(context, e.id))) return [];
        const [levels, calibrations] = await Promise.all([context.loaders.levels.load(e.id), calibrationsOf(e.id, context)]);
        return competencyLevels(levels, calibrations).filter((c) => competencyId === undefined || c.competencyId === competencyId);
      },
    },

    types: {
      CalibratedLevel: {
        competency: (c: CalibratedLevelView) => kit.competencyOf(c.competencyId),
        calibratedById: (c: CalibratedLevelView) => c.calibratedBy,
        calibratedBy: (c: CalibratedLevelView, _: unknown, context: GatewayContext) => context.loaders.engineer.load(c.calibratedBy),
        panel: async (c: CalibratedLevelView, _: unknown, context: GatewayContext) =>
          (await context.loaders.engineer.loadMany(c.panel)).filter((e): e is EngineerView => e !== null && !(e instanceof Error)),
      },
      CompetencyLevels: {
        competency: (c: CompetencyLevels) => kit.competencyOf(c.competencyId),
      },
    },
  };
}
