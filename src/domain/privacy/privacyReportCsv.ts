import { approvalText, transportText, type PrivacyReport } from './buildPrivacyReport';
import { toCsv } from './toCsv';

export const privacyReportCsvHeader = [
  'Host',
  'Transport',
  'Approved',
  'Variable',
  'Personal because',
  'Sent by',
] as const;

/**
 * The report as CSV, one row per host and personal variable, for a spreadsheet. Starts with a
 * byte order mark so Excel reads the UTF-8 (umlauts in module names) right.
 */
export function privacyReportCsv(report: PrivacyReport): string {
  const rows = report.hosts.flatMap((host) =>
    host.variables.map((variable) => [
      host.host,
      transportText(host),
      approvalText(host.approved),
      variable.name,
      variable.because,
      variable.sentBy.join('; '),
    ]),
  );
  return `\ufeff${toCsv([privacyReportCsvHeader, ...rows])}`;
}
