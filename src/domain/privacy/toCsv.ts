/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a
 * quote or a line break. A text a spreadsheet would run as a formula gets a leading `'`, as
 * OWASP advises, so an author's module name cannot become a formula in the officer's Excel.
 */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV text: CRLF line ends (RFC 4180), one after the last row too. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
