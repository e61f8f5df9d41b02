import { describe, expect, it } from 'vitest';
import type { ConnectionRegistry, DueSlot, NewConnection } from '../../src/registry/index.js';
import { keysOf, memoryBackend, newKey, testClock } from './backends.js';
import { oauth2Connection } from './registry-scenarios.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A registry on the memory store with one connection, its clock at `start`. */
async function registryWith(connection: Partial<NewConnection>, start: string) {
  const clock = testClock(start);
  const registry = memoryBackend().open(keysOf({ k1: newKey() }, 'k1'), clock);
  await registry.addConnection({ ...oauth2Connection('d1', 'secret'), ...connection });
  return { registry, clock };
}

/**
 * What a worker would do from `from` to `to`, looking every `stepMs`: run each due slot at once and
 * record it served. Returns the slots it started, with the instant it started them.
 */
async function sweep(
  registry: ConnectionRegistry,
  from: string,
  to: string,
  stepMs: number,
): Promise<(DueSlot & { startedAt: string })[]> {
  const started: (DueSlot & { startedAt: string })[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += stepMs) {
    for (const slot of await registry.dueSlots(at)) {
      started.push({ ...slot, startedAt: new Date(at).toISOString() });
      await registry.recordOutcome(slot.tenant, { slot: slot.at, status: 'succeeded' });
    }
  }
  return started;
}

/** The wall clock of an instant in a time zone, e.g. `Sun 03:00`. */
function wallClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.parse(iso));
}

describe('due slots', () => {
  it('follow the wall clock across the spring-forward change, once a day', async () => {
    const { registry } = await registryWith(
      { timeZone: 'America/New_York', schedule: [{ cron: '30 2 * * *', mode: 'delta' }] },
      '2026-03-06T00:00:00Z',
    );
    const started = await sweep(registry, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z', 5 * MINUTE_MS);
    // 2026-03-08 has no 02:30 in New York: the slot moves to the first minute after the gap.
    expect(started.map((slot) => [slot.at, wallClock(slot.at, 'America/New_York')])).toEqual([
      ['2026-03-06T07:30:00.000Z', 'Fri 02:30'],
      ['2026-03-07T07:30:00.000Z', 'Sat 02:30'],
      ['2026-03-08T07:00:00.000Z', 'Sun 03:00'],
      ['2026-03-09T06:30:00.000Z', 'Mon 02:30'],
    ]);
    expect(started.every((slot) => slot.startedAt === slot.at && slot.mode === 'delta')).toBe(true);
  });

  it('run once on the night the clocks fall back, when 01:30 happens twice', async () => {
    const { registry } = await registryWith(
      { timeZone: 'America/New_York', schedule: [{ cron: '30 1 * * *' }] },
      '2026-10-31T00:00:00Z',
    );
    const started = await sweep(registry, '2026-10-31T00:00:00Z', '2026-11-02T12:00:00Z', 5 * MINUTE_MS);
    expect(started.map((slot) => slot.at)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('start only inside the sync windows, at the window opening for a slot that came before it', async () => {
    const timeZone = 'America/Chicago';
    const { registry } = await registryWith(
      {
        timeZone,
        schedule: [{ cron: '0 * * * *', mode: 'delta' }],
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '05:00' }],
      },
      '2026-03-02T00:00:00Z',
    );
    // Monday 2 March to Monday 9 March, every 10 minutes.
    const started = await sweep(registry, '2026-03-02T06:00:00Z', '2026-03-09T06:00:00Z', 10 * MINUTE_MS);
    const clocks = started.map((slot) => wallClock(slot.startedAt, timeZone));
    const nights = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].flatMap((day, index) => {
      const next = ['Tue', 'Wed', 'Thu', 'Fri', 'Sat'][index];
      return [
        `${day} 22:00`,
        `${day} 23:00`,
        ...['00', '01', '02', '03', '04'].map((hour) => `${next} ${hour}:00`),
      ];
    });
    expect(clocks).toEqual(nights);
    expect(started[0]).toMatchObject({ windowEndsAt: '2026-03-03T11:00:00.000Z', pauseAtWindowEnd: false });
  });

  it('wait outside the windows, and say when they may start', async () => {
    const { registry, clock } = await registryWith(
      {
        timeZone: 'Europe/Berlin',
        schedule: [{ cron: '0 12 * * *' }],
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '18:00', to: '20:00' }],
        pauseAtWindowEnd: true,
      },
      '2026-03-02T08:00:00Z',
    );
    clock.set('2026-03-02T11:05:00Z');
    expect(await registry.dueSlots()).toEqual([]);
    expect(await registry.waitingSlots()).toEqual([
      expect.objectContaining({
        at: '2026-03-02T11:00:00.000Z',
        waitingFor: 'window',
        startsAt: '2026-03-02T17:00:00.000Z',
      }),
    ]);
    expect(await registry.nextSlot('d1')).toMatchObject({
      at: '2026-03-02T11:00:00.000Z',
      startsAt: '2026-03-02T17:00:00.000Z',
    });
    expect(await registry.dueSlots(Date.parse('2026-03-02T17:00:00Z'))).toEqual([
      expect.objectContaining({
        at: '2026-03-02T11:00:00.000Z',
        key: 'd1@2026-03-02T11:00:00.000Z',
        windowEndsAt: '2026-03-02T19:00:00.000Z',
        pauseAtWindowEnd: true,
      }),
    ]);
  });

  it('hold runs back on blackout dates, and run the missed slot when they end', async () => {
    const { registry } = await registryWith(
      {
        timeZone: 'America/Chicago',
        schedule: [{ cron: '0 2 * * *' }],
        blackouts: ['2026-12-24', { from: '2026-12-25', to: '2026-12-26' }],
      },
      '2026-12-22T12:00:00Z',
    );
    const waiting = await registry.waitingSlots(Date.parse('2026-12-25T09:00:00Z'));
    expect(waiting).toEqual([
      expect.objectContaining({ waitingFor: 'blackout', startsAt: '2026-12-27T06:00:00.000Z' }),
    ]);
    const started = await sweep(registry, '2026-12-22T12:00:00Z', '2026-12-28T12:00:00Z', HOUR_MS);
    expect(started.map((slot) => [slot.at, slot.startedAt])).toEqual([
      ['2026-12-23T08:00:00.000Z', '2026-12-23T08:00:00.000Z'],
      // The slots of the 24th to the 26th collapse into the latest, which starts at midnight after.
      ['2026-12-26T08:00:00.000Z', '2026-12-27T06:00:00.000Z'],
      ['2026-12-27T08:00:00.000Z', '2026-12-27T08:00:00.000Z'],
      ['2026-12-28T08:00:00.000Z', '2026-12-28T08:00:00.000Z'],
    ]);
  });

  it('pull in the mode of their slot: full on Sundays, delta otherwise, and a missed full is not lost', async () => {
    const schedule = [
      { cron: '0 2 * * 0', mode: 'full' as const },
      { cron: '0 2 * * *', mode: 'delta' as const },
    ];
    const { registry } = await registryWith({ timeZone: 'America/Denver', schedule }, '2026-03-06T00:00:00Z');
    const started = await sweep(registry, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z', 15 * MINUTE_MS);
    expect(started.map((slot) => `${wallClock(slot.at, 'America/Denver')} ${slot.mode}`)).toEqual([
      'Fri 02:00 delta',
      'Sat 02:00 delta',
      'Sun 03:00 full',
      'Mon 02:00 delta',
    ]);

    // No worker ran on Sunday 15 March: Monday's run is the full one.
    const missed = await registry.dueSlots(Date.parse('2026-03-16T08:05:00Z'));
    expect(missed).toEqual([expect.objectContaining({ at: '2026-03-16T08:00:00.000Z', mode: 'full' })]);
  });

  it('without windows, may start at any time; a requested run waits for the windows where there are some', async () => {
    const free = await registryWith({ schedule: [] }, '2026-03-02T13:00:00Z');
    expect(await free.registry.nextSlot('d1')).toBeUndefined();
    await free.registry.requestRun('d1', { reason: 'webhook' });
    expect(await free.registry.dueSlots()).toEqual([
      expect.objectContaining({ source: 'request', mode: 'auto', at: '2026-03-02T13:00:00.000Z' }),
    ]);

    const windowed = await registryWith(
      { schedule: [], windows: [{ days: ['mon'], from: '18:00', to: '20:00' }] },
      '2026-03-02T13:00:00Z',
    );
    await windowed.registry.requestRun('d1', { reason: 'admin button' });
    expect(await windowed.registry.dueSlots()).toEqual([]);
    expect(await windowed.registry.waitingSlots()).toEqual([
      expect.objectContaining({
        source: 'request',
        waitingFor: 'window',
        startsAt: '2026-03-02T18:00:00.000Z',
      }),
    ]);
    expect(await windowed.registry.dueSlots(Date.parse('2026-03-02T18:00:00Z'))).toEqual([
      expect.objectContaining({ key: 'd1@2026-03-02T13:00:00.000Z', reason: 'admin button' }),
    ]);
  });

  it('follow a window into the one that opens as it closes', async () => {
    const { registry } = await registryWith(
      {
        schedule: [{ cron: '0 21 * * 1' }],
        windows: [
          { days: ['mon'], from: '20:00', to: '24:00' },
          { days: ['tue'], from: '00:00', to: '03:00' },
        ],
      },
      '2026-03-02T00:00:00Z',
    );
    expect(await registry.dueSlots(Date.parse('2026-03-02T21:00:00Z'))).toEqual([
      expect.objectContaining({ windowEndsAt: '2026-03-03T03:00:00.000Z' }),
    ]);
  });
});

describe('limits by window', () => {
  it('gives the client of a run the limits in force when it starts: serial at peak, five off-peak', async () => {
    const limits = {
      concurrency: 1,
      windows: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
          from: '18:00',
          to: '06:00',
          concurrency: 5,
          requestsPerSecond: 20,
        },
      ],
    };
    const { registry } = await registryWith(
      { timeZone: 'America/Chicago', limits, schedule: [{ cron: '0 * * * *' }] },
      '2026-03-02T00:00:00Z',
    );
    const peak = await registry.clientFor('d1', { at: Date.parse('2026-03-02T16:00:00Z') });
    expect([peak.options.concurrency, peak.options.requestsPerSecond]).toEqual([1, undefined]);
    const offPeak = await registry.clientFor('d1', { at: new Date('2026-03-03T02:00:00Z') });
    expect([offPeak.options.concurrency, offPeak.options.requestsPerSecond]).toEqual([5, 20]);
    // A caller can tighten the connection's limits, never loosen them.
    const tighter = await registry.clientFor('d1', {
      at: Date.parse('2026-03-03T02:00:00Z'),
      client: { concurrency: 2, requestsPerSecond: 50 },
    });
    expect([tighter.options.concurrency, tighter.options.requestsPerSecond]).toEqual([2, 20]);
    expect(await registry.dueSlots(Date.parse('2026-03-03T02:00:00Z'))).toEqual([
      expect.objectContaining({ limits: { concurrency: 5, requestsPerSecond: 20 } }),
    ]);
  });
});

describe('settings the registry refuses', () => {
  it.each([
    [{ schedule: [{ cron: 'every day' }] }, 'schedule[0].cron'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone: "Mars/Olympus" is not an IANA time zone'],
    [{ windows: [{ days: [], from: '01:00', to: '02:00' }] }, 'windows[0].days must name at least one day'],
    [{ windows: [{ days: ['mon'], from: '03:00', to: '03:00' }] }, 'windows[0] is empty'],
    [{ windows: [{ days: ['mon'], from: '24:00', to: '03:00' }] }, 'windows[0].from must be HH:MM'],
    [{ blackouts: [{ from: '2026-12-26', to: '2026-12-24' }] }, 'blackouts[0] ends before it starts'],
    [{ limits: { concurrency: 0 } }, 'limits.concurrency must be a positive whole number'],
    [
      { baseUrl: 'https://user:pass@sis.example.org/ims/oneroster/v1p1' },
      'baseUrl must not contain credentials',
    ],
  ] as const)('refuses %j', async (settings, message) => {
    const registry = memoryBackend().open(keysOf({ k1: newKey() }, 'k1'));
    await expect(
      registry.addConnection({ ...oauth2Connection('d1', 'secret'), ...settings } as NewConnection),
    ).rejects.toThrow(message);
    expect(await registry.listConnections()).toEqual([]);
  });
});
