import { randomUUID } from 'node:crypto';
import { currentSchemaVersions, foldEvents, type Decider, type NewEvent, type SkillsGraphEvent } from '@skills-graph/domain';
import { WrongExpectedRevisionError, type AppendResult, type EventStore } from './event-store.port.js';

export interface StreamCommandMeta {
  actor: string;
  /** The actor's roles, recorded in the events' metadata for the audit trail. */
  actorRoles?: readonly string[];
  correlationId: string;
  causationId?: string | null;
  occurredAt: string;
  /** Ids for the new events; default random. Pass deterministic ids to make a replayed command idempotent. */
  eventId?: (index: number) => string;
}

export interface StreamCommandResult<State, Event> extends AppendResult {
  events: Event[];
  state: State;
}

/**
 * Load a stream, fold it, decide, append with the revision that was read. On a concurrent write the
 * whole cycle runs again (deciders are pure, so that is safe), up to `retries` times.
 * `command` may be a function of the current state, for commands that need to look at it first.
 */
export async function executeOnStream<Command, Event extends SkillsGraphEvent, State>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State>,
  command: Command | ((state: State) => Command),
  meta: StreamCommandMeta,
  retries = 3,
): Promise<StreamCommandResult<State, Event>> {
  for (let attempt = 0; ; attempt += 1) {
    const recorded = await store.readStream(streamName);
    const state = foldEvents(decider, recorded.map((r) => ({ type: r.type, data: r.data }) as Event));
    const resolved = typeof command === 'function' ? (command as (s: State) => Command)(state) : command;
    const events = decider.decide(resolved, state);
    const revision = recorded.length === 0 ? ('no_stream' as const) : recorded.at(-1)!.streamRevision;
    if (events.length === 0) {
      const position = recorded.at(-1)?.globalPosition ?? 0n;
      return { events, state, nextExpectedRevision: recorded.length === 0 ? -1n : (revision as bigint), lastPosition: position, appended: false };
    }
    const newEvents: NewEvent[] = events.map((event, i) => ({
      id: meta.eventId?.(i) ?? randomUUID(),
      type: event.type,
      schemaVersion: currentSchemaVersions[event.type],
      data: event.data,
      metadata: {
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.causationId ?? null,
        occurredAt: meta.occurredAt,
        ...(meta.actorRoles && { actorRoles: [...meta.actorRoles] }),
      },
    }));
    try {
      const result = await store.appendToStream(streamName, newEvents, revision);
      return { ...result, events, state: events.reduce(decider.evolve, state) };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
    }
  }
}
