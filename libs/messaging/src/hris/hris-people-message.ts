import { z } from 'zod';

/**
 * The people feed HR systems send on `hris.people.v1`: one JSON message per joiner, mover or leaver.
 * `messageId` is the idempotency key: a redelivered message changes nothing.
 */
const engineerRef = z.string().trim().min(1).max(100);
const person = z
  .object({
    id: engineerRef,
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    title: z.string().trim().min(1).max(200),
    teamId: engineerRef,
    teamName: z.string().trim().min(1).max(200),
    managerId: engineerRef.nullable(),
  })
  .strict();

const envelope = { messageId: z.uuid(), occurredAt: z.iso.datetime({ offset: true }), effectiveDate: z.iso.date(), source: z.string().trim().min(1).max(100) };

export const hrisPeopleMessageV1 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('joiner'), ...envelope, engineer: person }).strict(),
  z.object({ type: z.literal('mover'), ...envelope, engineer: person.omit({ name: true, email: true }).extend({ title: z.string().trim().min(1).max(200).nullable() }) }).strict(),
  z.object({ type: z.literal('leaver'), ...envelope, engineer: z.object({ id: engineerRef }).strict() }).strict(),
]);

export type HrisPeopleMessage = z.infer<typeof hrisPeopleMessageV1>;

export const hrisPeopleTopic = 'hris.people.v1';
export const hrisPeopleDeadLetterTopic = 'hris.people.v1.dlq';

/**
 * Why a message was refused before it was applied (the `x-dlq-code` header of its dead letter): no body,
 * a body that is not JSON, or JSON that is not a valid `hris.people.v1` message. A message refused when
 * applied carries the domain's code instead (NOT_FOUND, CONFLICT, VALIDATION_FAILED...).
 */
export const hrisRejectionCodes = ['EMPTY_MESSAGE', 'NOT_JSON', 'INVALID_MESSAGE'] as const;
export type HrisRejectionCode = (typeof hrisRejectionCodes)[number];

export type HrisParseResult = { ok: true; message: HrisPeopleMessage } | { ok: false; code: HrisRejectionCode; reason: string };

/** Parses and validates one message; the reason names the field at fault. */
export function parseHrisPeopleMessage(value: string | null): HrisParseResult {
  if (value === null) return { ok: false, code: 'EMPTY_MESSAGE', reason: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { ok: false, code: 'NOT_JSON', reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = hrisPeopleMessageV1.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, code: 'INVALID_MESSAGE', reason: `${issue.path.join('.') || 'message'}: ${issue.message}` };
}

export function hrisPeopleJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(hrisPeopleMessageV1, { target: 'draft-2020-12' }) as Record<string, unknown>),
    $id: 'https://skills-graph.dev/schemas/hris.people.v1.json',
    title: 'hris.people.v1',
  };
}
