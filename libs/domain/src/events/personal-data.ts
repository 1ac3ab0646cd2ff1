import type { SkillsGraphEvent } from './domain-event-types.js';

/**
 * Personal data in the log: which fields of which events are about a person (the data subject), and
 * what a reader sees in their place once that person is erased. The event store encrypts these fields
 * with a key per subject and forgets the key on erasure (crypto-shredding); everything else in an
 * event (ids, levels, dates, kinds, skills, behaviours) is not personal and stays readable, so counts
 * and levels survive an erasure.
 */

/** What a reader sees in place of an erased engineer's personal fields. */
export const erasedPlaceholders = {
  name: 'Erased engineer',
  email: null,
  text: '[erased]',
} as const;

export interface PersonalField {
  /** Path of the field in the event's data, e.g. ['changes', 'title']. */
  path: readonly string[];
  /** What the field reads as once its subject is erased. */
  placeholder: string | null;
}

export interface PersonalDataOfEvent {
  /** The person the event's personal fields are about (the key they are encrypted with). */
  subject(data: Record<string, unknown>): string;
  fields: readonly PersonalField[];
}

const ofEngineer = (data: Record<string, unknown>) => String(data['engineerId']);
const text = (...path: string[]): PersonalField => ({ path, placeholder: erasedPlaceholders.text });
const nullable = (...path: string[]): PersonalField => ({ path, placeholder: null });

/**
 * Every event type that holds personal data. Free text written about an engineer's work (evidence titles,
 * URLs, endorsement comments, rejection reasons, calibration rationales) belongs to that engineer.
 * Job titles, teams and managers are organisational facts and stay readable.
 */
export const personalDataOfEvents: Partial<Record<SkillsGraphEvent['type'], PersonalDataOfEvent>> = {
  EngineerJoined: { subject: ofEngineer, fields: [{ path: ['name'], placeholder: erasedPlaceholders.name }, nullable('email')] },
  EvidenceSubmitted: { subject: ofEngineer, fields: [text('title'), nullable('url')] },
  EvidenceEndorsed: { subject: ofEngineer, fields: [nullable('comment')] },
  EvidenceRejected: { subject: ofEngineer, fields: [text('reason')] },
  EvidenceAmended: { subject: ofEngineer, fields: [text('changes', 'title'), nullable('changes', 'url')] },
  LevelCalibrated: { subject: ofEngineer, fields: [text('rationale')] },
};
