import * as z from 'zod/mini';

/**
 * The JSON documents the registry writes into a `ConnectionRow`, read back through these schemas
 * (a row is data from a database: `unknown` until parsed). Every optional field is exact: absent,
 * never `undefined`.
 */

const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const SlotModeSchema = z.enum(['auto', 'full', 'delta']);

const windowShape = {
  days: z.array(WeekdaySchema),
  from: z.string(),
  to: z.string(),
  tz: z.string(),
};
const limitShape = {
  concurrency: z.exactOptional(z.number()),
  requestsPerSecond: z.exactOptional(z.number()),
};

const AuthSettingsSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('oauth2-client-credentials'),
    tokenUrl: z.string(),
    clientId: z.string(),
    scope: z.exactOptional(z.union([z.string(), z.array(z.string())])),
    clientAuth: z.exactOptional(z.enum(['basic', 'body'])),
  }),
  z.object({
    type: z.literal('oauth1'),
    consumerKey: z.string(),
    signatureMethod: z.exactOptional(z.enum(['HMAC-SHA256', 'HMAC-SHA1'])),
  }),
  z.object({ type: z.literal('bearer') }),
]);

/** Everything of a connection but its secrets and its scheduler state. */
export const StoredSettingsSchema = z.object({
  baseUrl: z.string(),
  version: z.enum(['1.1', '1.2']),
  auth: AuthSettingsSchema,
  timeZone: z.string(),
  schedule: z.array(z.object({ cron: z.string(), tz: z.string(), mode: SlotModeSchema })),
  windows: z.array(z.object(windowShape)),
  pauseAtWindowEnd: z.boolean(),
  blackouts: z.array(z.object({ from: z.string(), to: z.string() })),
  limits: z.object({
    ...limitShape,
    windows: z.exactOptional(z.array(z.object({ ...windowShape, ...limitShape }))),
  }),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;
export type StoredAuthSettings = z.infer<typeof AuthSettingsSchema>;

const OutcomeSchema = z.object({
  slot: z.string(),
  status: z.enum(['succeeded', 'failed', 'held', 'interrupted']),
  mode: z.exactOptional(z.enum(['full', 'delta'])),
  runId: z.exactOptional(z.string()),
  startedAt: z.exactOptional(z.string()),
  finishedAt: z.string(),
  error: z.exactOptional(z.object({ name: z.string(), message: z.string() })),
  review: z.exactOptional(z.enum(['approved', 'rejected', 'expired', 'failed'])),
});
export type StoredOutcome = z.infer<typeof OutcomeSchema>;

/** What the scheduler keeps per connection. */
export const StoredStateSchema = z.object({
  lastSlot: z.exactOptional(z.string()),
  lastOutcome: z.exactOptional(OutcomeSchema),
  requested: z.exactOptional(z.object({ at: z.string(), mode: SlotModeSchema, reason: z.string() })),
});
export type StoredState = z.infer<typeof StoredStateSchema>;

/** Sealed secrets by field; each envelope is read by `SecretEnvelopeSchema` when it is opened. */
export const StoredSecretsSchema = z.partialRecord(
  z.enum(['clientSecret', 'consumerSecret', 'token']),
  z.json(),
);

/** The status column, read back. */
export const StatusSchema = z.enum(['active', 'paused', 'awaiting-review']);
