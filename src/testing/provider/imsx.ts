/** imsx status bodies: errors and warnings, in the canonical shape or in a quirk's shape. */

/** How a provider shapes its error bodies (spec shape, or shapes seen in the wild). */
export type ErrorShape = 'imsx' | 'statusInfoSet' | 'flat' | 'noCodeMinor';

/** The canonical imsx_StatusInfo object. */
export function statusInfo(
  codeMajor: 'success' | 'failure',
  severity: 'status' | 'warning' | 'error',
  codeMinor: string,
  description: string,
): Record<string, unknown> {
  return {
    imsx_codeMajor: codeMajor,
    imsx_severity: severity,
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  };
}

/** The body of an error response, in the configured shape. */
export function errorBody(shape: ErrorShape, codeMinor: string, description: string): string {
  switch (shape) {
    case 'imsx':
      return JSON.stringify(statusInfo('failure', 'error', codeMinor, description));
    case 'statusInfoSet':
      return JSON.stringify({ statusInfoSet: [statusInfo('failure', 'error', codeMinor, description)] });
    case 'flat':
      return JSON.stringify({
        imsx_codeMajor: 'failure',
        imsx_severity: 'error',
        imsx_description: description,
        imsx_codeMinor: codeMinor,
      });
    case 'noCodeMinor':
      return JSON.stringify({
        imsx_codeMajor: 'failure',
        imsx_severity: 'error',
        imsx_description: description,
      });
  }
}

/** A warning sent next to data in a 200 (spec 1.1: unknown `fields` or `sort` entries). */
export function warningInfo(codeMinor: string, description: string): Record<string, unknown> {
  return statusInfo('success', 'warning', codeMinor, description);
}
