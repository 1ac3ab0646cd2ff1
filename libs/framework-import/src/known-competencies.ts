import { standardCompetencies } from '@skills-graph/domain';
import type { ImportWarning, ParseOptions } from './types.js';

/**
 * A competency is declared when it is one of the standard five, one the caller names as known (the
 * competencies of the framework's previous version), or (JSON/YAML) listed under `competencies`.
 * Anything else is imported, with a warning: it is often a typo of a declared one.
 */
export function undeclaredCompetencyWarning(
  competency: { id: string; name: string },
  options: ParseOptions,
  line: number,
): ImportWarning | null {
  const declared = [...standardCompetencies, ...(options.knownCompetencies ?? [])];
  if (declared.some((c) => c.id === competency.id)) return null;
  const names = [...new Set(declared.map((c) => c.name))].join(', ');
  return {
    line,
    message: `competency '${competency.name}' is not one of the declared competencies (${names}); imported as a new competency: check it is not a typo`,
  };
}
