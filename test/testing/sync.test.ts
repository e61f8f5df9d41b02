import { describe, expect, it, vi } from 'vitest';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { countGenerated } from '../helpers/count-generated.js';
import { client, useMsw } from './helpers.js';

const { countingPrng } = await vi.hoisted(() => import('../helpers/count-generated.js'));
vi.mock('../../src/testing/district/prng.js', (original) => countingPrng(original));

const msw = useMsw();

function setup(preset: 'tiny' | 'small' | 'largest' = 'small') {
  let clock = Date.UTC(2026, 1, 1);
  const district = generateDistrict({ preset, seed: 2, now: () => clock });
  const provider = createMockProvider({ district, auth: { type: 'none' } });
  msw.install(provider.handlers);
  return { district, get: client(provider.baseUrl), tick: () => (clock += 1_000) };
}

const since = (iso: string) => `filter=${encodeURIComponent(`dateLastModified>'${iso}'`)}`;

describe('mutations between pulls', () => {
  it('serves updates, tombstones and inserts to a delta pull, and hard deletes vanish', async () => {
    const { district, get, tick } = setup();
    const lastSync = '2026-01-15T00:00:00.000Z';
    expect((await get(`/users?${since(lastSync)}`)).body.users).toEqual([]);
    const [a, b, c] = [...district.records('users')].map((u) => u.sourcedId);
    tick();
    district.mutate.update('users', a as string, { familyName: "D'Souza" });
    district.mutate.tombstone('users', b as string);
    district.mutate.delete('users', c as string);
    const inserted = district.mutate.insert('users', { givenName: 'Renée', role: 'teacher' });
    const delta = (await get(`/users?${since(lastSync)}`)).body.users;
    expect(delta.map((u) => u.sourcedId)).toEqual([a, b, inserted.sourcedId]);
    expect(delta.map((u) => u.status)).toEqual(['active', 'tobedeleted', 'active']);
    expect(delta[0]?.familyName).toBe("D'Souza");
    expect((await get(`/users/${b}`)).body.user).toMatchObject({ status: 'tobedeleted' });
    expect((await get(`/users/${c}`)).status).toBe(404);
    const full = await get('/users?limit=10000');
    expect(full.headers.get('x-total-count')).toBe(String(district.count('users')));
    expect(full.body.users.map((u) => u.sourcedId)).not.toContain(c);
    expect((await get(`/teachers/${inserted.sourcedId}`)).status).toBe(200);
    expect((await get(`/students/${inserted.sourcedId}`)).status).toBe(404);
  });

  it('keeps paging exact with deletes and inserts in the middle of the base', async () => {
    const { district, get } = setup();
    const ids = [...district.records('enrollments')].map((e) => e.sourcedId);
    for (const i of [0, 5, 6, 250, 251, 999]) district.mutate.delete('enrollments', ids[i] as string);
    for (const i of [3, 250, 700]) district.mutate.insert('enrollments', { sourcedId: `${ids[i]}-new` });
    const expected = [...district.records('enrollments')].map((e) => e.sourcedId);
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 97) {
      seen.push(
        ...(await get(`/enrollments?limit=97&offset=${offset}`)).body.enrollments.map(
          (e) => e.sourcedId as string,
        ),
      );
    }
    expect(seen).toEqual(expected);
    const reversed = (
      await get(`/enrollments?limit=5&sort=sourcedId&orderBy=desc&offset=${expected.length - 260}`)
    ).body;
    expect(reversed.enrollments.map((e) => e.sourcedId)).toEqual(expected.slice(255, 260).reverse());
  });

  it('moves a record between views when a change says so', async () => {
    const { district, get } = setup('tiny');
    const teacher = [...district.records('users')].find((u) => u.role === 'teacher');
    district.mutate.update('users', teacher?.sourcedId as string, { role: 'student' });
    const students = (await get('/students?limit=1000')).body.users.map((u) => u.sourcedId);
    const teachers = (await get('/teachers?limit=1000')).body.users.map((u) => u.sourcedId);
    expect(students.at(-1)).toBe(teacher?.sourcedId);
    expect(teachers).not.toContain(teacher?.sourcedId);
    expect((await get(`/students/${teacher?.sourcedId}`)).status).toBe(200);
    const delta = await get(`/students?${since('2026-01-01T00:00:00Z')}`);
    expect(delta.body.users.map((u) => u.sourcedId)).toEqual([teacher?.sourcedId]);
  });

  it('reflects enrollment changes in nested endpoints', async () => {
    const { district, get } = setup();
    const klass = district.generate('classes', 40);
    const before = (await get(`/classes/${klass.sourcedId}/students`)).body.users.map((u) => u.sourcedId);
    const outsider = district.generate('users', 0);
    expect(before).not.toContain(outsider.sourcedId);
    district.mutate.insert('enrollments', {
      user: { href: '', sourcedId: outsider.sourcedId, type: 'user' },
      class: { href: '', sourcedId: klass.sourcedId, type: 'class' },
      school: klass.school,
      role: 'student',
    });
    const after = (await get(`/classes/${klass.sourcedId}/students`)).body.users.map((u) => u.sourcedId);
    expect(after).toEqual([outsider.sourcedId, ...before]);
    const classes = (await get(`/students/${outsider.sourcedId}/classes`)).body.classes.map(
      (c) => c.sourcedId,
    );
    expect(classes).toContain(klass.sourcedId);
  });

  it('answers a delta pull of the largest district without scanning it', async () => {
    const { district, get, tick } = setup('largest');
    tick();
    const id = district.generate('enrollments', 6_000_000).sourcedId;
    district.mutate.update('enrollments', id, { endDate: '2026-02-01' });
    const { result, generated } = await countGenerated(async () => ({
      delta: await get(`/enrollments?${since('2026-01-01T00:00:00Z')}`),
      all: await get(
        `/enrollments?limit=3&offset=6579000&${`filter=${encodeURIComponent("status='active'")}`}`,
      ),
    }));
    const { delta, all } = result;
    // The 3 records of the page; the changed one is already held by the mutation overlay.
    expect(generated).toBeLessThanOrEqual(3);
    expect(delta.body.enrollments.map((e) => e.sourcedId)).toEqual([id]);
    expect(delta.headers.get('x-total-count')).toBe('1');
    expect(all.body.enrollments).toHaveLength(3);
    expect(all.headers.get('x-total-count')).toBe(String(district.count('enrollments')));
  });
});
