import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  EraseRefusedError,
  eraseRecords,
  eraseTenant,
  isEraseRefusedError,
  type RosterRecord,
} from '../../src/sync/index.js';

const user = (sourcedId: string): RosterRecord => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-01-05T10:00:00.000Z',
});

async function seeded() {
  const store = createMemoryStore();
  const run = await store.beginRun('district-7', { mode: 'full' });
  await store.stage(run, 'users', [user('u1'), user('u2')]);
  await store.commit(run, 'users');
  await store.finishRun(run, { status: 'succeeded' });
  return store;
}

describe('eraseTenant and eraseRecords', () => {
  it('erase a tenant only when confirm repeats it', async () => {
    const store = await seeded();
    for (const confirm of ['district-8', '', 'District-7']) {
      await expect(eraseTenant(store, 'district-7', { confirm })).rejects.toThrow(
        /`confirm` must repeat the tenant \("district-7"\).*nothing was erased/,
      );
    }
    await expect(eraseTenant(store, '', { confirm: '' })).rejects.toBeInstanceOf(TypeError);
    expect(await store.count('district-7', 'users')).toBe(2);
    const receipt = await eraseTenant(store, 'district-7', { confirm: 'district-7' });
    expect(receipt).toMatchObject({ tenant: 'district-7', tables: { records: 2, runs: 1 } });
    expect(await store.count('district-7', 'users')).toBe(0);
  });

  it('erase records only with a collection and ids that are non-empty strings', async () => {
    const store = await seeded();
    await expect(eraseRecords(store, 'district-7', '', ['u1'])).rejects.toBeInstanceOf(TypeError);
    await expect(eraseRecords(store, 'district-7', 'users', ['u1', ''])).rejects.toThrow(
      'sourcedIds[1] is not a non-empty string; nothing was erased',
    );
    const notAnArray: unknown = 'u1';
    await expect(eraseRecords(store, 'district-7', 'users', notAnArray as string[])).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(await store.count('district-7', 'users')).toBe(2);
    expect(await eraseRecords(store, 'district-7', 'users', ['u1'])).toMatchObject({
      collection: 'users',
      requested: 1,
      tables: { records: 1, staged: 0 },
    });
  });

  it('refuse with an EraseRefusedError naming the live run, which its guard recognises', async () => {
    const store = await seeded();
    const run = await store.beginRun('district-7', { mode: 'delta' });
    const refusal = await eraseTenant(store, 'district-7', { confirm: 'district-7' }).catch((error) => error);
    expect(isEraseRefusedError(refusal)).toBe(true);
    expect(refusal).toBeInstanceOf(EraseRefusedError);
    expect(refusal).toMatchObject({ reason: 'run-live', tenant: 'district-7', runId: run.id });
    expect(isEraseRefusedError(new Error('Cannot erase'))).toBe(false);
  });
});
