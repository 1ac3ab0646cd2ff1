import { z } from 'zod';
import { levelChangeReasons } from '@skills-graph/domain';

/**
 * Integration events: the versioned public contract for HRIS and other consumers, published as
 * CloudEvents (structured JSON) on Kafka, keyed by engineer id. They carry only what an HRIS needs:
 * ids, levels and dates, never names, e-mail addresses, evidence titles or review comments.
 */

const isoInstant = z.iso.datetime({ offset: true });
const isoDay = z.iso.date();

export const levelDemonstratedV1 = z
  .object({
    engineerId: z.string().min(1),
    frameworkId: z.string().min(1),
    frameworkVersion: z.int().min(1),
    competencyId: z.string().min(1),
    skillId: z.string().min(1).nullable().describe('null: across all skills'),
    level: z.int().min(0).describe('0: the level is no longer demonstrated'),
    previousLevel: z.int().min(0),
    evidenceCount: z.int().min(0).describe('how many approved evidence items prove the level'),
    demonstratedAt: isoInstant,
    reason: z
      .enum(levelChangeReasons)
      .optional()
      .describe('why the level changed: approved evidence changed, the current framework version changed, or time passed (its proof left the recency window); absent on levels recorded before reasons were'),
  })
  .strict()
  .describe("An engineer's demonstrated level changed, derived from approved evidence");

export const levelCalibratedV1 = z
  .object({
    engineerId: z.string().min(1),
    competencyId: z.string().min(1),
    level: z.int().min(1),
    calibratedAt: isoInstant,
  })
  .strict()
  .describe('A promotion panel recorded a calibrated level');

export const evidenceApprovedV1 = z
  .object({
    evidenceId: z.string().min(1),
    engineerId: z.string().min(1),
    kind: z.enum(['pull-request', 'rfc', 'incident', 'design', 'talk', 'mentoring', 'review']),
    date: isoDay,
    skillIds: z.array(z.string().min(1)),
    behaviourIds: z.array(z.string().min(1)),
    approvedAt: isoInstant,
  })
  .strict()
  .describe('A manager approved evidence; it now counts towards levels');

export const frameworkPublishedV1 = z
  .object({
    frameworkId: z.string().min(1),
    version: z.int().min(1),
    name: z.string().min(1),
    publishedAt: isoInstant,
  })
  .strict()
  .describe('A framework version was published; levels are now assessed against it');

export const integrationEventContracts = {
  'io.skillsgraph.level.demonstrated.v1': { topic: 'skills.levels.v1', data: levelDemonstratedV1 },
  'io.skillsgraph.level.calibrated.v1': { topic: 'skills.levels.v1', data: levelCalibratedV1 },
  'io.skillsgraph.evidence.approved.v1': { topic: 'skills.evidence.v1', data: evidenceApprovedV1 },
  'io.skillsgraph.framework.published.v1': { topic: 'skills.framework.v1', data: frameworkPublishedV1 },
} as const;

export type IntegrationEventType = keyof typeof integrationEventContracts;
export const integrationTopics = [...new Set(Object.values(integrationEventContracts).map((c) => c.topic))];

/** The JSON Schema of an integration event's CloudEvent (envelope and data), as published in schemas/. */
export function integrationEventJsonSchema(type: IntegrationEventType): Record<string, unknown> {
  const data = z.toJSONSchema(integrationEventContracts[type].data, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema: _ignored, ...dataSchema } = data;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://skills-graph.dev/schemas/${type}.json`,
    title: type,
    description: `CloudEvent (structured JSON) on Kafka topic ${integrationEventContracts[type].topic}`,
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', minLength: 1, description: 'The id of the event in the event store: the same event always has the same id (deduplicate on it)' },
      source: { const: '/skills-graph' },
      type: { const: type },
      subject: { type: 'string', minLength: 1, description: 'The engineer (or framework) the event is about; also the Kafka message key' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data: dataSchema,
    },
  };
}
