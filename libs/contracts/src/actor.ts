/**
 * Who sends a command. Roles come from the verified token (or the demo header in embedded mode), except
 * `system`: only the platform's own in-process actors (the HRIS feed, the seed) carry it, never a token.
 */
export type ActorRole = 'admin' | 'director' | 'framework-owner' | 'hris' | 'panel' | 'system';

export interface Actor {
  /** An engineer id, or `system:<name>` for the platform's own processes. */
  id: string;
  roles: ActorRole[];
}

export interface CommandMeta {
  actor: Actor;
  correlationId: string;
  /** When the command was issued (ISO-8601): deciders take time from here, never from a clock. */
  issuedAt: string;
  /**
   * The id of the outside message that caused the command (an HRIS messageId), when there is one: it
   * becomes the events' causation id, and a command with a key already applied changes nothing.
   */
  idempotencyKey?: string;
}

/** What every command returns: where its events landed, so a reader can wait for them. */
export interface CommandOutcome {
  /** Global position of the last event written, or of the stream head when nothing changed. */
  position: string;
  /** false when the command changed nothing (a replay, or already in that state). */
  changed: boolean;
}
