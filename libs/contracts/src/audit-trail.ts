import type { AuditEntry, AuditSubject } from '@skills-graph/domain';

export interface AuditTrailPage {
  /** Oldest first (global order). */
  entries: AuditEntry[];
  hasNextPage: boolean;
}

/**
 * The audit-trail query, read from the event log (the source of truth), not from a read model. In the
 * embedded host the event store answers it in-process; a distributed deployment would put a service
 * behind this port.
 */
export interface AuditTrailQuery {
  /** The subject's events after global position `after` (0n: from the start), at most `first` of them. */
  read(subject: AuditSubject, page: { after: bigint; first: number }): Promise<AuditTrailPage>;
}

export const AUDIT_TRAIL = Symbol('AuditTrail');
