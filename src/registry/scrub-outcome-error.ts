/** The longest error message kept with an outcome, in characters: enough for any of the SDK's. */
const MAX_MESSAGE_LENGTH = 1_000;

/**
 * The `name` and `message` of a failed run's error, with every form of the connection's secrets in
 * it replaced. The SDK's errors never hold a secret; an error of the caller's own code might.
 */
export function scrubOutcomeError(
  error: unknown,
  secrets: readonly string[],
): { name: string; message: string } {
  const name = error instanceof Error ? error.name : 'Error';
  let message = error instanceof Error ? error.message : String(error);
  const forms = secrets
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .filter((form) => form !== '');
  // Longest first, so a secret inside another's encoded form is not half replaced.
  for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    message = message.replaceAll(form, '[redacted]');
  }
  return { name, message: message.slice(0, MAX_MESSAGE_LENGTH) };
}
