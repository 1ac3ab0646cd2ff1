import type { Choice } from './components/fields';
import type { Identity } from './api/identity';
import { prefetch, useQuery, type QueryResult } from './use-query';

export interface FrameworkSummary {
  id: string;
  name: string;
  latestVersion: number;
  publishedVersion: number | null;
  /** The current version's levels and competencies, asked with the list: a page needs no second request for them. */
  current: FrameworkDetails | null;
}
export interface TeamRef {
  id: string;
  name: string;
}
export interface Catalogue {
  frameworks: FrameworkSummary[];
  teams: (TeamRef & { memberCount: number })[];
  skills: { id: string; name: string }[];
}
export interface FrameworkLevel {
  level: number;
  name: string | null;
}
export interface FrameworkDetails {
  id: string;
  version: number;
  name: string;
  levels: FrameworkLevel[];
  competencies: { id: string; name: string }[];
}

const catalogueQuery = /* GraphQL */ `
  query Catalogue {
    frameworks { id name latestVersion publishedVersion current { id version name levels { level name } competencies { id name } } }
    teams { id name memberCount }
    skills { id name }
  }
`;

/** Sends the catalogue request at once (from the entry module, before React renders): every page starts with it. */
export const prefetchCatalogue = (identity: Identity) => prefetch(catalogueQuery, {}, identity);

/** Frameworks, teams and skills: the choices of every filter (asked once per viewer and kept). */
export function useCatalogue(): QueryResult<Catalogue> {
  return useQuery<Catalogue>(catalogueQuery, {}, { cache: true });
}

/** The framework's current version (its levels and competencies), from the catalogue's answer: no request of its own. */
export function currentFramework(catalogue: QueryResult<Catalogue>, id: string | null): QueryResult<{ framework: FrameworkDetails | null }> {
  const data = catalogue.data && id !== null ? { framework: catalogue.data.frameworks.find((f) => f.id === id)?.current ?? null } : undefined;
  return { data, error: catalogue.error, loading: id !== null && catalogue.loading, retry: catalogue.retry };
}

/** The framework a page starts with: the one asked for if it exists, else a published one, else the first. */
export function chooseFramework(catalogue: Catalogue | undefined, asked: string): string | null {
  if (!catalogue || catalogue.frameworks.length === 0) return null;
  if (asked && catalogue.frameworks.some((f) => f.id === asked)) return asked;
  return (catalogue.frameworks.find((f) => f.publishedVersion !== null) ?? catalogue.frameworks[0]!).id;
}

export const frameworkChoices = (catalogue: Catalogue): Choice[] =>
  catalogue.frameworks.map((f) => ({ value: f.id, label: `${f.name} (v${f.publishedVersion ?? f.latestVersion})` }));

export const teamChoices = (catalogue: Catalogue, all = 'All teams'): Choice[] => [
  { value: '', label: all },
  ...[...catalogue.teams].sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ value: t.id, label: t.name })),
];

export const skillChoices = (catalogue: Catalogue, all = 'Any skill (overall level)'): Choice[] => [
  { value: '', label: all },
  ...[...catalogue.skills].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ value: s.id, label: s.name })),
];

export const competencyChoices = (framework: FrameworkDetails, any?: string): Choice[] => [
  ...(any === undefined ? [] : [{ value: '', label: any }]),
  ...framework.competencies.map((c) => ({ value: c.id, label: c.name })),
];

export const levelName = (framework: FrameworkDetails | undefined | null, level: number): string => {
  const name = framework?.levels.find((l) => l.level === level)?.name;
  return name ? `L${level} ${name}` : `L${level}`;
};

export const levelChoices = (framework: FrameworkDetails): Choice[] => framework.levels.map((l) => ({ value: String(l.level), label: levelName(framework, l.level) }));
