import { createHash } from 'node:crypto';
import type { BehaviourDefinition, DraftBehaviour, FrameworkDraft } from './framework-content.js';

/**
 * Editions of a framework: stable behaviour ids across re-imports, and a content hash.
 * Pure functions; `node:crypto` is used for hashing only.
 */

export interface BehaviourPlace {
  level: number;
  competencyId: string;
}

export interface EditionChanges {
  /** Ids of behaviours new in this edition. */
  added: string[];
  /** Ids present in the previous edition and gone now. */
  removed: string[];
  reworded: { id: string; from: string; to: string }[];
  moved: { id: string; from: BehaviourPlace; to: BehaviourPlace }[];
}

/** Minimum token similarity (Sørensen–Dice) for a changed text to count as a rewording of a previous behaviour. */
export const REWORDING_THRESHOLD = 0.6;

/** Case-, whitespace- and punctuation-insensitive form of a behaviour text. */
export function normaliseBehaviourText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Deterministic id such as `mastery-3-1a2b3c4d`; `assignBehaviourIds` makes it unique within the framework. */
export function behaviourIdFor(frameworkId: string, b: { competencyId: string; level: number; text: string }): string {
  return `${b.competencyId}-${b.level}-${sha256(`${frameworkId}|${normaliseBehaviourText(b.text)}`).slice(0, 8)}`;
}

/** Sørensen–Dice coefficient of the two texts' word sets (1 = same words). */
export function textSimilarity(a: string, b: string): number {
  const ta = new Set(normaliseBehaviourText(a).split(' ').filter(Boolean));
  const tb = new Set(normaliseBehaviourText(b).split(' ').filter(Boolean));
  if (ta.size === 0 && tb.size === 0) return 1;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}

/**
 * Gives every incoming behaviour an id, keeping the previous edition's ids where the behaviour carries on:
 * 1. an explicit incoming `id` is kept;
 * 2. same normalised text at the same level and competency: same id, unchanged;
 * 3. same normalised text elsewhere: same id, recorded as moved;
 * 4. otherwise the most similar unmatched previous behaviour of the same competency (Dice ≥ 0.6):
 *    same id, recorded as reworded (and as moved when the level changed);
 * 5. otherwise a new id, recorded as added.
 * Previous behaviours left unmatched are removed. Each previous id is used at most once, and the result
 * depends only on the order of the two lists.
 */
export function assignBehaviourIds(
  frameworkId: string,
  previous: readonly BehaviourDefinition[],
  incoming: readonly DraftBehaviour[],
): { behaviours: BehaviourDefinition[]; changes: EditionChanges } {
  const previousById = new Map<string, number>();
  previous.forEach((p, i) => {
    if (!previousById.has(p.id)) previousById.set(p.id, i);
  });
  const explicit = new Set<string>();
  for (const b of incoming) {
    if (b.id === undefined) continue;
    if (explicit.has(b.id)) throw new Error(`Behaviour id '${b.id}' appears more than once in the incoming framework`);
    explicit.add(b.id);
  }

  const matchOf: (number | undefined)[] = incoming.map(() => undefined); // incoming index → previous index
  const used: boolean[] = previous.map(() => false);
  const previousNorm = previous.map((p) => normaliseBehaviourText(p.text));
  const incomingNorm = incoming.map((b) => normaliseBehaviourText(b.text));

  // 1. Explicit ids.
  incoming.forEach((b, i) => {
    if (b.id === undefined) return;
    const p = previousById.get(b.id);
    if (p !== undefined && !used[p]) {
      used[p] = true;
      matchOf[i] = p;
    }
  });
  // A previous behaviour whose id is claimed explicitly by another incoming one cannot be matched by text.
  previous.forEach((p, j) => {
    if (explicit.has(p.id)) used[j] = true;
  });

  const open = (i: number) => incoming[i]?.id === undefined && matchOf[i] === undefined;

  // 2. Same text, same place.
  incoming.forEach((b, i) => {
    if (!open(i)) return;
    const j = previous.findIndex(
      (p, k) => !used[k] && previousNorm[k] === incomingNorm[i] && p.level === b.level && p.competencyId === b.competencyId,
    );
    if (j >= 0) {
      used[j] = true;
      matchOf[i] = j;
    }
  });

  // 3. Same text, another place: prefer the same competency, then the nearest level, then list order.
  incoming.forEach((b, i) => {
    if (!open(i)) return;
    let best = -1;
    let bestKey: [number, number] | undefined;
    previous.forEach((p, k) => {
      if (used[k] || previousNorm[k] !== incomingNorm[i]) return;
      const key: [number, number] = [p.competencyId === b.competencyId ? 0 : 1, Math.abs(p.level - b.level)];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = k;
        bestKey = key;
      }
    });
    if (best >= 0) {
      used[best] = true;
      matchOf[i] = best;
    }
  });

  // 4. Rewordings within a competency: greedy on the best similarity, ties broken by level distance then order.
  const candidates: { i: number; j: number; score: number; distance: number }[] = [];
  incoming.forEach((b, i) => {
    if (!open(i)) return;
    previous.forEach((p, j) => {
      if (used[j] || p.competencyId !== b.competencyId) return;
      const score = textSimilarity(p.text, b.text);
      if (score >= REWORDING_THRESHOLD) candidates.push({ i, j, score, distance: Math.abs(p.level - b.level) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (!open(c.i) || used[c.j]) continue;
    used[c.j] = true;
    matchOf[c.i] = c.j;
  }

  // 5. New ids, unique against every id of both editions.
  const taken = new Set<string>([...previous.map((p) => p.id), ...explicit]);
  const changes: EditionChanges = { added: [], removed: [], reworded: [], moved: [] };
  const behaviours: BehaviourDefinition[] = incoming.map((b, i) => {
    const j = matchOf[i];
    const p = j === undefined ? undefined : previous[j];
    let id: string;
    if (b.id !== undefined) id = b.id;
    else if (p) id = p.id;
    else {
      const base = behaviourIdFor(frameworkId, b);
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
    }
    if (!p) changes.added.push(id);
    else {
      if (previousNorm[j as number] !== incomingNorm[i]) changes.reworded.push({ id, from: p.text, to: b.text });
      if (p.level !== b.level || p.competencyId !== b.competencyId) {
        changes.moved.push({
          id,
          from: { level: p.level, competencyId: p.competencyId },
          to: { level: b.level, competencyId: b.competencyId },
        });
      }
    }
    return { id, level: b.level, competencyId: b.competencyId, text: b.text, notes: [...b.notes], examples: [...b.examples] };
  });
  const matched = new Set(matchOf);
  previous.forEach((p, j) => {
    if (!matched.has(j)) changes.removed.push(p.id);
  });
  return { behaviours, changes };
}

/** JSON with object keys sorted and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * sha256 of a canonical form of the draft: key order does not matter, levels are ordered by number and
 * behaviours by level and competency (keeping their order within one level and competency), so the same
 * framework read from two formats hashes the same.
 */
export function frameworkContentHash(draft: FrameworkDraft): string {
  const competencyOrder = new Map(draft.competencies.map((c, i) => [c.id, i]));
  const behaviours = draft.behaviours
    .map((b, i) => ({ b, i }))
    .sort(
      (x, y) =>
        x.b.level - y.b.level ||
        (competencyOrder.get(x.b.competencyId) ?? Number.MAX_SAFE_INTEGER) -
          (competencyOrder.get(y.b.competencyId) ?? Number.MAX_SAFE_INTEGER) ||
        (x.b.competencyId < y.b.competencyId ? -1 : x.b.competencyId > y.b.competencyId ? 1 : 0) ||
        x.i - y.i,
    )
    .map(({ b }) => b);
  const canonical = {
    name: draft.name,
    levels: [...draft.levels].sort((a, b) => a.level - b.level),
    competencies: draft.competencies,
    behaviours,
    policy: draft.policy,
  };
  return sha256(canonicalJson(canonical));
}
