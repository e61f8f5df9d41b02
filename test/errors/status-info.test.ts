import { describe, expect, it } from 'vitest';
import { normalizeCodeMinor, parseStatusInfo } from '../../src/errors/status-info.js';

const canonical = {
  imsx_codeMajor: 'failure',
  imsx_severity: 'error',
  imsx_description: 'Unknown field',
  imsx_CodeMinor: {
    imsx_codeMinorField: [
      { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'invalid_filter_field' },
    ],
  },
};
const expected = {
  codeMajor: 'failure',
  severity: 'error',
  codeMinor: 'invalid_filter_field',
  description: 'Unknown field',
};

describe('parseStatusInfo reads every shape providers send', () => {
  it('the canonical imsx envelope', () => {
    expect(parseStatusInfo(canonical)).toEqual(expected);
  });

  it('the flat 1.2 imsx_StatusInfo, its codeMinor field a list or a single object', () => {
    // 1.2 rostering OpenAPI `imsx_StatusInfoDType`: at the top level of an error body.
    const flat = (imsx_codeMinorField: unknown) => ({
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      imsx_description: 'Unknown field',
      imsx_CodeMinor: { imsx_codeMinorField },
    });
    const field = {
      imsx_codeMinorFieldName: 'TargetEndSystem',
      imsx_codeMinorFieldValue: 'invalid_filter_field',
    };
    expect(parseStatusInfo(flat([field]))).toEqual(expected);
    expect(parseStatusInfo(flat(field))).toEqual(expected);
  });

  it('wrapped in statusInfoSet as an array, picking the failure among warnings', () => {
    const warning = {
      imsx_codeMajor: 'success',
      imsx_severity: 'warning',
      imsx_codeMinor: 'invalid_selection_field',
    };
    expect(parseStatusInfo({ statusInfoSet: [warning, canonical] })).toEqual(expected);
  });

  it('wrapped in statusInfoSet as one object', () => {
    expect(parseStatusInfo({ statusInfoSet: canonical })).toEqual(expected);
  });

  it('a flat imsx_codeMinor or codeMinor string', () => {
    expect(parseStatusInfo({ imsx_codeMajor: 'failure', imsx_codeMinor: 'invalid_data' })).toEqual({
      codeMajor: 'failure',
      codeMinor: 'invalid_data',
    });
    expect(parseStatusInfo({ codeMajor: 'failure', codeMinor: 'forbidden' })?.codeMinor).toBe('forbidden');
  });

  it('no codeMinor at all, and bodies that are not status info', () => {
    expect(parseStatusInfo({ imsx_codeMajor: 'failure', imsx_description: 'oops' })).toEqual({
      codeMajor: 'failure',
      description: 'oops',
    });
    expect(parseStatusInfo({ users: [] })).toBeUndefined();
    expect(parseStatusInfo('Internal Server Error')).toBeUndefined();
    expect(parseStatusInfo(null)).toBeUndefined();
  });

  it('cuts very long descriptions', () => {
    const info = parseStatusInfo({ imsx_codeMajor: 'failure', imsx_description: 'x'.repeat(10_000) });
    expect(info?.description).toHaveLength(500);
  });

  it('redacts what the provider echoed before cutting, so no part of a secret is left at the cut', () => {
    const secret = 'opaque-Narwhal-token-0123456789';
    // The secret straddles the 500th character: cut first, its head would no longer match it.
    const description = `${'x'.repeat(490)} ${secret} for jane@school.test`;
    const info = parseStatusInfo(
      { imsx_codeMajor: 'failure', imsx_description: description },
      { secrets: [secret] },
    );
    expect(info?.description).toBe(`${'x'.repeat(490)} [redacted`);
    expect(
      parseStatusInfo({
        imsx_codeMajor: 'failure',
        imsx_description: "Field 'nope' is not allowed for jane@school.test",
      }),
    ).toEqual({
      codeMajor: 'failure',
      description: "Field 'nope' is not allowed for [redacted]",
    });
  });

  it('compares codeMinor values ignoring case, spaces and underscores', () => {
    expect(normalizeCodeMinor('Unknown_Object')).toBe(normalizeCodeMinor('unknownobject'));
    expect(normalizeCodeMinor('server busy')).toBe('serverbusy');
  });
});
