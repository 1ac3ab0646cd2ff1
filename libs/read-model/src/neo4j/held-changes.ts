import { heldFromJson, heldToJson, type HeldChange } from '../effective-dates.js';
import type { RunCypher } from './level-tally-projection.js';

/**
 * Joiners, movers and leavers held until their effective day (effective-dates.ts), kept in the graph as
 * `(:HeldChange {engineerId, effectiveOn, position, json})` beside the checkpoint, so they survive a
 * restart of the projector and are written in the same transaction as the batch that holds or applies them.
 * There are few at any time (the changes HR recorded ahead of their day).
 */
export const readHeldChangesCypher = `MATCH (h:HeldChange)
RETURN h.json AS json
ORDER BY h.effectiveOn, h.position`;

/** The earliest effective day held, to tell cheaply whether anything is due. */
export const firstHeldDayCypher = `MATCH (h:HeldChange)
RETURN min(h.effectiveOn) AS day`;

export const replaceHeldChangesCypher = `OPTIONAL MATCH (old:HeldChange)
DETACH DELETE old
WITH count(*) AS cleared
UNWIND $rows AS row
CREATE (h:HeldChange {engineerId: row.engineerId, effectiveOn: row.effectiveOn, position: row.position, json: row.json})`;

export async function readHeldChanges(run: RunCypher): Promise<HeldChange[]> {
  return (await run(readHeldChangesCypher, {})).map((row) => heldFromJson(row['json'] as string));
}

/** Replaces the held changes when they differ from those read at the start of the transaction. */
export async function writeHeldChanges(run: RunCypher, before: readonly HeldChange[], after: readonly HeldChange[]): Promise<void> {
  const json = after.map(heldToJson);
  if (json.length === before.length && before.every((h, i) => heldToJson(h) === json[i])) return;
  const rows = after.map((h, i) => ({ engineerId: h.engineerId, effectiveOn: h.effectiveOn, position: Number(h.event.globalPosition), json: json[i] }));
  await run(replaceHeldChangesCypher, { rows });
}
