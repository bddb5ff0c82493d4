/** Hands `text` to the browser as a download named `fileName`. */
export function downloadTextFile(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `<flow name> privacy report.<extension>`, with characters file systems dislike replaced. */
export function privacyReportFileName(flowName: string, extension: 'md' | 'csv'): string {
  const printable = [...flowName].map((char) => (char < ' ' ? '-' : char)).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'flow';
  return `${safe} privacy report.${extension}`;
}
