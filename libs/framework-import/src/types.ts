import type { FrameworkDraft } from '@skills-graph/domain';

/** The text layouts a framework can be imported from. */
export type FrameworkFormat = 'json' | 'yaml' | 'frontmatter' | 'markdown' | 'text';

/** Something the importer did not treat with certainty; `line` is 1-based in the imported text. */
export interface ImportWarning {
  line: number;
  message: string;
  text?: string;
}

export interface FrameworkImportResult {
  format: FrameworkFormat;
  draft: FrameworkDraft;
  warnings: ImportWarning[];
}

export interface ParseOptions {
  /** Used when the text itself carries no framework name. */
  name?: string;
  /**
   * Competencies already declared for this framework (its previous version's); a Markdown, text or
   * front-matter competency outside these and the standard five is imported with a warning.
   */
  knownCompetencies?: readonly { id: string; name: string }[];
}
