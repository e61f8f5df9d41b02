import { describe, expect, it } from 'vitest';
import { generateDistrict, type MockQuirks } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { client, codeMinorOf, type Json, type JsonResponse, listOf, useMsw } from './helpers.js';

const msw = useMsw();

/** One quirk alone on a 1.1 provider. */
function alone(quirks: MockQuirks) {
  const provider = createMockProvider({
    district: generateDistrict({ preset: 'small', seed: 9 }),
    auth: { type: 'none' },
    quirks,
  });
  msw.install(provider.handlers);
  return { provider, get: client(provider.baseUrl) };
}

function expectFlatError(response: JsonResponse, status: number, codeMinor: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
  expect(codeMinorOf(response.body)).toBe(codeMinor);
}

const ids = (records: Json[]): string[] => records.map((record) => String(record.sourcedId));

describe('each Ed-Fi quirk alone', () => {
  it('rejectUnknownFields: an unknown field in fields is a 400, also on 1.1', async () => {
    const { get } = alone({ rejectUnknownFields: true });
    expectFlatError(await get('/users?fields=sourcedId,roles'), 400, 'invalid_selection_field');
    expect((await get('/users?fields=sourcedId,role')).status).toBe(200);
    const lenient = alone({});
    const warned = await lenient.get('/users?fields=sourcedId,roles');
    expect(warned.status).toBe(200);
    expect(codeMinorOf((warned.body.statusInfoSet as Json[])[0] as Json)).toBe('invalid_selection_field');
  });

  it('noNestedEndpoints: nested paths answer 404, top-level ones are served', async () => {
    const { get } = alone({ noNestedEndpoints: true });
    expect((await get('/schools/org-0000000001/teachers')).status).toBe(404);
    expect((await get('/teachers')).status).toBe(200);
  });

  it('singularEnvelopes: a demographics read answers {"demographic": ...}', async () => {
    const { get } = alone({ singularEnvelopes: true });
    expect(Object.keys((await get('/demographics/usr-0000000000')).body)).toEqual(['demographic']);
    expect(Object.keys((await alone({}).get('/demographics/usr-0000000000')).body)).toEqual(['demographics']);
  });

  it('unstableTieOrder: ties move between requests, unsorted lists do not', async () => {
    const { get } = alone({ unstableTieOrder: true });
    const sorted = async () =>
      ids(listOf((await get('/enrollments?sort=role&limit=300')).body, 'enrollments'));
    expect(await sorted()).not.toEqual(await sorted());
    const plain = async () => ids((await get('/enrollments?limit=300')).body.enrollments);
    expect(await plain()).toEqual(await plain());
    const stable = alone({});
    const once = ids((await stable.get('/enrollments?sort=role&limit=300')).body.enrollments);
    expect(ids((await stable.get('/enrollments?sort=role&limit=300')).body.enrollments)).toEqual(once);
  });
});
