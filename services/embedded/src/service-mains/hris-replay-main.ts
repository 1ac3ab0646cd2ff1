// Replays chosen HRIS dead letters after a fix (docs/reliability.md):
//   KAFKA_BROKERS=host:9092 [DEPLOYMENT_NAME=x] node services/embedded/dist/service-mains/hris-replay-main.js --list
//   ... --offset 1/42 [--offset 0/7]     dead letters whose origin is hris.people.v1 partition/offset
//   ... --reason 'NOT_FOUND'             dead letters whose reason matches the regular expression
//   ... --all                            every dead letter
//   add --dry-run to see what would be sent. Exit 0 when every chosen dead letter was replayed, 1 otherwise.
import { listDeadLetters, replayDeadLetters, type DeadLetter } from '@skills-graph/people';

const args = process.argv.slice(2);
const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
const deploymentName = process.env['DEPLOYMENT_NAME'] || undefined;
const offsets = new Set<string>();
let reason: RegExp | undefined;
let all = false;
let list = false;
let dryRun = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--offset') offsets.add(args[++i] ?? '');
  else if (arg === '--reason') reason = new RegExp(args[++i] ?? '');
  else if (arg === '--all') all = true;
  else if (arg === '--list') list = true;
  else if (arg === '--dry-run') dryRun = true;
  else {
    process.stderr.write(`hris-replay: unknown argument ${arg}\n`);
    process.exit(2);
  }
}
if (brokers.length === 0) {
  process.stderr.write('hris-replay: Invalid configuration:\n  - KAFKA_BROKERS: required\n');
  process.exit(1);
}
const describe = (l: DeadLetter) => `${l.origin.topic} ${l.origin.partition}/${l.origin.offset} ${l.kind} ${l.bytes} bytes sha256 ${l.sha256}: ${l.reason}`;
if (list || (!all && offsets.size === 0 && !reason)) {
  for (const letter of await listDeadLetters(brokers, deploymentName)) process.stdout.write(`${describe(letter)}\n`);
  if (!list) process.stderr.write('hris-replay: choose dead letters with --offset P/O, --reason RE or --all (nothing replayed)\n');
  process.exit(0);
}
const select = (l: DeadLetter) => all || offsets.has(`${l.origin.partition}/${l.origin.offset}`) || (reason?.test(l.reason) ?? false);
const outcomes = await replayDeadLetters({ brokers, deploymentName, select, dryRun });
for (const o of outcomes) process.stdout.write(`${o.result} ${o.detail}\n`);
process.stdout.write(`${outcomes.filter((o) => o.result === 'replayed' || o.result === 'would-replay').length} of ${outcomes.length} chosen dead letters ${dryRun ? 'would be' : ''} replayed\n`);
process.exit(outcomes.every((o) => o.result === 'replayed' || o.result === 'would-replay') ? 0 : 1);
