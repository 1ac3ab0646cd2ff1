import { v5 as uuidv5 } from 'uuid';
import {
  currentSchemaVersions,
  engineerStream,
  evidenceStream,
  frameworkContentHash,
  frameworkStream,
  skillStream,
  type Decider,
  type EvidenceCommand,
  type EvidenceContext,
  type NewEvent,
  type SkillsGraphEvent,
  frameworkDecider,
  engineerDecider,
  evidenceDecider,
  skillDecider,
} from '@skills-graph/domain';
import type { EventStore } from '@skills-graph/event-store';
import { demoFramework } from './demo-framework.js';
import { buildDemoOrganisation } from './demo-organisation.js';

export const demoFrameworkId = 'fintech-demo';
const seedNamespace = '6f1d8a52-3c1e-4d7b-9a7e-2b8f1c0d5e41';
const seedActor = 'system:demo-seed';

export interface SeedReport {
  skipped: boolean;
  streams: number;
  events: number;
  engineers: number;
  evidence: number;
}

/** Runs commands through a decider in memory; returns every event they produced. */
function decideAll<C, E extends SkillsGraphEvent, S>(decider: Decider<C, E, S>, commands: C[], start = decider.initialState()): { events: E[]; state: S } {
  let state = start;
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return { events, state };
}

/**
 * Seeds the demo organisation: the demo framework (published), twelve skills, a few hundred engineers
 * and their evidence with reviews. Events go through the same deciders as real commands; their ids
 * are derived from the stream and index (UUID v5), so running the seed again, even after a crash half
 * way, appends nothing twice.
 */
export async function seedDemoOrganisation(
  store: EventStore,
  /** onProgress: streams written so far of all the demo's streams (the framework, skills, engineers and evidence), every 1,000. */
  options: { engineers?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedReport> {
  const org = buildDemoOrganisation({ engineers: options.engineers ?? 320 });
  const lastStream = evidenceStream(org.evidence.at(-1)!.id);
  if ((await store.readStream(lastStream, { maxCount: 1 })).length > 0) {
    return { skipped: true, streams: 0, events: 0, engineers: org.engineers.length, evidence: org.evidence.length };
  }

  let streams = 0;
  let events = 0;
  const totalStreams = 1 + org.skills.length + org.engineers.length + org.evidence.length;
  const append = async (stream: string, domainEvents: SkillsGraphEvent[], occurredAt: (e: SkillsGraphEvent, i: number) => string, actor: (e: SkillsGraphEvent) => string = () => seedActor) => {
    if (domainEvents.length === 0) return;
    const newEvents: NewEvent[] = domainEvents.map((event, i) => ({
      id: uuidv5(`${stream}#${i}`, seedNamespace),
      type: event.type,
      schemaVersion: currentSchemaVersions[event.type],
      data: event.data,
      metadata: { correlationId: uuidv5(`seed:${stream}`, seedNamespace), causationId: null, actor: actor(event), occurredAt: occurredAt(event, i) },
    }));
    const result = await store.appendToStream(stream, newEvents, 'any');
    streams += 1;
    if (result.appended) events += newEvents.length;
    if (streams % 1_000 === 0) options.onProgress?.(streams, totalStreams);
  };

  const seededAt = '2024-10-01T09:00:00.000Z';
  const framework = decideAll(
    frameworkDecider,
    [
      {
        type: 'ImportFrameworkVersion',
        data: { frameworkId: demoFrameworkId, draft: demoFramework, contentHash: frameworkContentHash(demoFramework), sourceFormat: 'json', warnings: [], importedAt: seededAt, importedBy: seedActor },
      },
      { type: 'PublishFrameworkVersion', data: { frameworkId: demoFrameworkId, version: 1, publishedAt: seededAt, publishedBy: seedActor } },
    ],
  );
  await append(frameworkStream(demoFrameworkId), framework.events, () => seededAt);
  const published = framework.state.versions[0]!.content;

  for (const skill of org.skills) {
    const { events: skillEvents } = decideAll(skillDecider, [
      { type: 'RegisterSkill', data: { skillId: skill.id, name: skill.name, aliases: skill.aliases, registeredAt: seededAt } },
    ]);
    await append(skillStream(skill.id), skillEvents, () => seededAt);
  }

  const teamName = new Map(org.teams.map((t) => [t.id, t.name]));
  for (const engineer of org.engineers) {
    const { events: joined } = decideAll(engineerDecider, [
      {
        type: 'RecordJoiner',
        data: { engineerId: engineer.id, name: engineer.name, email: engineer.email, title: engineer.title, teamId: engineer.teamId, teamName: teamName.get(engineer.teamId)!, managerId: engineer.managerId, joinedOn: engineer.joinedOn },
      },
    ]);
    await append(engineerStream(engineer.id), joined, () => `${engineer.joinedOn}T09:00:00.000Z`, () => 'hris:demo');
  }

  const context: EvidenceContext = {
    frameworkId: demoFrameworkId,
    knownBehaviourIds: new Set(published.behaviours.map((b) => b.id)),
    knownSkillIds: new Set(org.skills.map((s) => s.id)),
    engineerActive: true,
  };
  for (const ev of org.evidence) {
    const at = (hour: number) => `${ev.date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const self = { id: ev.engineerId, relation: 'self' as const };
    const reviewer = { id: ev.reviewerId, relation: 'manager' as const };
    const commands: EvidenceCommand[] = [
      {
        type: 'SubmitEvidence',
        data: { evidenceId: ev.id, engineerId: ev.engineerId, kind: ev.kind, title: ev.title, url: ev.url, date: ev.date, projectId: ev.projectId, skillIds: ev.skillIds, behaviourIds: ev.behaviourIds, actor: self, context, submittedAt: at(10) },
      },
    ];
    if (ev.outcome === 'endorsed-then-approved' && ev.endorserId) {
      commands.push({ type: 'EndorseEvidence', data: { evidenceId: ev.id, actor: { id: ev.endorserId, relation: 'peer' }, comment: 'Saw this land; solid work.', endorsedAt: at(12) } });
    }
    if (ev.outcome === 'approved' || ev.outcome === 'endorsed-then-approved') {
      commands.push({ type: 'ApproveEvidence', data: { evidenceId: ev.id, actor: reviewer, approvedAt: at(15) } });
    } else if (ev.outcome === 'rejected') {
      commands.push({ type: 'RejectEvidence', data: { evidenceId: ev.id, actor: reviewer, reason: 'Does not show the claimed behaviour yet; pair with your lead on the next one.', rejectedAt: at(15) } });
    }
    const { events: evidenceEvents } = decideAll(evidenceDecider, commands);
    await append(
      evidenceStream(ev.id),
      evidenceEvents,
      (e) => at(e.type === 'EvidenceSubmitted' ? 10 : e.type === 'EvidenceEndorsed' ? 12 : 15),
      (e) => (e.type === 'EvidenceSubmitted' ? ev.engineerId : e.type === 'EvidenceEndorsed' ? ev.endorserId! : ev.reviewerId),
    );
  }
  return { skipped: false, streams, events, engineers: org.engineers.length, evidence: org.evidence.length };
}
