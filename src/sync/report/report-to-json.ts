import { type ReportRenderOptions, reportForRendering } from './mask-names.js';
import type { RosterReport } from './report-types.js';

/** Options of {@link reportToJson}. */
export interface ReportJsonOptions extends ReportRenderOptions {
  /**
   * Indentation, as `JSON.stringify`'s `space`; 0 for one line.
   * @default 2
   */
  space?: number;
}

/**
 * The report as JSON text: every table and counter, as typed by {@link RosterReport}.
 * @example
 * await writeFile('roster.json', reportToJson(report));
 */
export function reportToJson(report: RosterReport, options: ReportJsonOptions = {}): string {
  return `${JSON.stringify(reportForRendering(report, options), null, options.space ?? 2)}\n`;
}
