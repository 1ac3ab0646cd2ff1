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

/**
 * How the text of a kept behaviour changed: `reworded` when its words changed, `case-or-punctuation` when only
 * letter case, punctuation, quote marks, accents or spacing did (the normalised texts are equal).
 */
export type TextChangeKind = 'reworded' | 'case-or-punctuation';

export interface TextChange {
  id: string;
  from: string;
  to: string;
  kind: TextChangeKind;
}

export interface EditionChanges {
  /** Ids of behaviours new in this edition. */
  added: string[];
  /** Ids present in the previous edition and gone now. */
  removed: string[];
  /** Every text change of a behaviour this edition keeps, with its kind. */
  reworded: TextChange[];
  moved: { id: string; from: BehaviourPlace; to: BehaviourPlace }[];
}

/** The kind of a change from one text of a behaviour to another (they differ). */
export function textChangeKind(from: string, to: string): TextChangeKind {
  return normaliseBehaviourText(from) === normaliseBehaviourText(to) ? 'case-or-punctuation' : 'reworded';
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

  // 2. Same text, same place (the first unused previous one in list order).
  const byPlacedText = new Map<string, number[]>();
  const byText = new Map<string, number[]>();
  previous.forEach((p, k) => {
    const placed = `${p.level}|${p.competencyId}|${previousNorm[k]}`;
    const norm = previousNorm[k] as string;
    if (byPlacedText.has(placed)) byPlacedText.get(placed)?.push(k);
    else byPlacedText.set(placed, [k]);
    if (byText.has(norm)) byText.get(norm)?.push(k);
    else byText.set(norm, [k]);
  });
  incoming.forEach((b, i) => {
    if (!open(i)) return;
    const j = (byPlacedText.get(`${b.level}|${b.competencyId}|${incomingNorm[i]}`) ?? []).find((k) => !used[k]);
    if (j !== undefined) {
      used[j] = true;
      matchOf[i] = j;
    }
  });

  // 3. Same text, another place: prefer the same competency, then the nearest level, then list order.
  incoming.forEach((b, i) => {
    if (!open(i)) return;
    let best = -1;
    let bestKey: [number, number] | undefined;
    for (const k of byText.get(incomingNorm[i] as string) ?? []) {
      const p = previous[k] as BehaviourDefinition;
      if (used[k]) continue;
      const key: [number, number] = [p.competencyId === b.competencyId ? 0 : 1, Math.abs(p.level - b.level)];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = k;
        bestKey = key;
      }
    }
    if (best >= 0) {
      used[best] = true;
      matchOf[i] = best;
    }
  });

  // 4. Rewordings within a competency: greedy on the best similarity, ties broken by level distance then order.
  const candidates = rewordingCandidates(previous, incoming, previousNorm, incomingNorm, (j) => !used[j], open);
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
      if (p.text !== b.text) changes.reworded.push({ id, from: p.text, to: b.text, kind: textChangeKind(p.text, b.text) });
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

const tokensOf = (normalised: string) => [...new Set(normalised.split(' ').filter(Boolean))];

/**
 * Every (incoming, previous) pair of the same competency whose Sørensen–Dice similarity reaches
 * REWORDING_THRESHOLD, found without comparing every pair: tokens are ordered from rare to common, and two
 * sets that reach the threshold must share a token among the first |x| − ⌈t·|x|/(2 − t)⌉ + 1 of each
 * (prefix filtering); only pairs sharing such a token are compared exactly.
 */
function rewordingCandidates(
  previous: readonly BehaviourDefinition[],
  incoming: readonly DraftBehaviour[],
  previousNorm: readonly string[],
  incomingNorm: readonly string[],
  previousOpen: (j: number) => boolean,
  incomingOpen: (i: number) => boolean,
): { i: number; j: number; score: number; distance: number }[] {
  const t = REWORDING_THRESHOLD;
  const prevTokens = previous.map((_, j) => (previousOpen(j) ? tokensOf(previousNorm[j] as string) : []));
  const inTokens = incoming.map((_, i) => (incomingOpen(i) ? tokensOf(incomingNorm[i] as string) : []));
  const frequency = new Map<string, number>();
  for (const list of [...prevTokens, ...inTokens]) for (const tok of list) frequency.set(tok, (frequency.get(tok) ?? 0) + 1);
  const order = (x: string, y: string) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0) || (x < y ? -1 : x > y ? 1 : 0);
  const prefix = (tokens: string[]) => {
    const sorted = [...tokens].sort(order);
    return sorted.slice(0, sorted.length - Math.ceil((t * sorted.length) / (2 - t)) + 1);
  };
  const index = new Map<string, number[]>(); // competency|token → previous indexes
  previous.forEach((p, j) => {
    if (!previousOpen(j)) return;
    for (const tok of prefix(prevTokens[j] as string[])) {
      const key = `${p.competencyId}|${tok}`;
      const list = index.get(key);
      if (list) list.push(j);
      else index.set(key, [j]);
    }
  });
  const prevSets = prevTokens.map((list) => new Set(list));
  const out: { i: number; j: number; score: number; distance: number }[] = [];
  incoming.forEach((b, i) => {
    if (!incomingOpen(i)) return;
    const mine = inTokens[i] as string[];
    const seen = new Set<number>();
    for (const tok of prefix(mine)) {
      for (const j of index.get(`${b.competencyId}|${tok}`) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        const theirs = prevSets[j] as Set<string>;
        let shared = 0;
        for (const x of mine) if (theirs.has(x)) shared++;
        const score = mine.length + theirs.size === 0 ? 1 : (2 * shared) / (mine.length + theirs.size);
        if (score >= t) out.push({ i, j, score, distance: Math.abs((previous[j] as BehaviourDefinition).level - b.level) });
      }
    }
  });
  return out;
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
