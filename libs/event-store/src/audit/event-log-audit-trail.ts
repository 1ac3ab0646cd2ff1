import { auditStreamsOf, toAuditEntry, type AuditEntry, type AuditSubject } from '@skills-graph/domain';
import type { EventStore } from '../event-store.port.js';
import type { SqlExecutor } from '../sql/sql-client.js';

/** The evidence streams of an engineer's evidence (named by evidence id, so they must be looked up). */
export type EvidenceStreamFinder = (engineerId: string) => Promise<string[]>;

/**
 * The audit trail read from the event log through the EventStore port, so it sees what every other
 * reader sees (upcast events, personal data revealed, or shown as erased). A subject's streams are read
 * whole and merged in global order: subjects' streams are small (an engineer's profile, levels and
 * evidence; one evidence item; one framework's editions).
 */
export class EventLogAuditTrail {
  constructor(
    private readonly store: EventStore,
    private readonly evidenceStreamsOf?: EvidenceStreamFinder,
  ) {}

  async read(subject: AuditSubject, page: { after: bigint; first: number }): Promise<{ entries: AuditEntry[]; hasNextPage: boolean }> {
    const streams = auditStreamsOf(subject);
    if (subject.kind === 'engineer' && this.evidenceStreamsOf) streams.push(...(await this.evidenceStreamsOf(subject.id)));
    const events = (await Promise.all([...new Set(streams)].map((stream) => this.store.readStream(stream))))
      .flat()
      .filter((event) => event.globalPosition > page.after)
      .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0));
    return { entries: events.slice(0, page.first).map(toAuditEntry), hasNextPage: events.length > page.first };
  }
}

/** Uses the partial index sg_events_evidence_by_engineer (migration 3): one index scan per engineer. */
export const evidenceStreamsOfEngineerSql = `
  SELECT stream_name FROM sg_events
  WHERE event_type = 'EvidenceSubmitted' AND data->>'engineerId' = $1
  ORDER BY global_position`;

/** Finds an engineer's evidence streams in the SQL event store's database (embedded or PostgreSQL). */
export function sqlEvidenceStreams(client: SqlExecutor): EvidenceStreamFinder {
  return async (engineerId) => (await client.query<{ stream_name: string }>(evidenceStreamsOfEngineerSql, [engineerId])).rows.map((row) => row.stream_name);
}
