import { normaliseSkillName } from '@skills-graph/domain';
import type { ProjectionProgress, SkillView, SkillsGraphReadModel } from '@skills-graph/read-model';

export interface Catalogue {
  competencies: Map<string, { id: string; name: string; description: string | null }>;
  skills: Map<string, SkillView>;
  /** id, name and aliases, normalised → skill */
  skillsByName: Map<string, SkillView>;
}

/**
 * Competencies and skills are few and change rarely, yet nearly every query names one. They are read
 * once and kept until the projector has applied anything new, so a query costs one read-model round
 * trip instead of three, and a skill registered a moment ago is still found.
 */
export class CatalogueCache {
  private cached: { position: bigint; catalogue: Promise<Catalogue> } | undefined;

  constructor(
    private readonly readModel: SkillsGraphReadModel,
    private readonly progress: ProjectionProgress,
  ) {}

  get(): Promise<Catalogue> {
    const position = this.progress.appliedPosition();
    if (!this.cached || this.cached.position !== position) {
      const catalogue = this.load();
      this.cached = { position, catalogue };
      catalogue.catch(() => (this.cached = undefined));
    }
    return this.cached.catalogue;
  }

  private async load(): Promise<Catalogue> {
    const [competencies, skills] = await Promise.all([this.readModel.competencies(), this.readModel.skills()]);
    const skillsByName = new Map<string, SkillView>();
    for (const skill of skills) for (const name of [skill.id, skill.name, ...skill.aliases]) skillsByName.set(normaliseSkillName(name), skill);
    return { competencies: new Map(competencies.map((c) => [c.id, c])), skills: new Map(skills.map((s) => [s.id, s])), skillsByName };
  }
}
