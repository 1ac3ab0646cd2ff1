/** The most characters of the caller's input an error message repeats. */
export const maxEchoedInput = 100;
/** The longest error message a client receives. */
export const maxErrorMessage = 1_000;

/** `text` cut to `max` characters, then "…". */
export function bounded(text: string, max = maxEchoedInput): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

const quoted = /"((?:[^"\\]|\\.)*)"|'([^'\n]*)'/g;

/**
 * An error message safe to send: every quoted part (how graphql-js, zod and the gateway quote the caller's
 * input: "…" or '…') cut to 100 characters, and the whole message to 1,000. Messages are built from input
 * in many places (variable coercion, unknown names, validation); bounding them here covers every path.
 */
export function boundedMessage(message: string): string {
  const cut = message.replace(quoted, (match, double: string | undefined, single: string | undefined) => {
    const inner = double ?? single ?? '';
    if (inner.length <= maxEchoedInput) return match;
    const q = double !== undefined ? '"' : "'";
    return `${q}${bounded(inner)}${q}`;
  });
  return bounded(cut, maxErrorMessage);
}
