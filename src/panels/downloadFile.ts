/** Hands the browser a file to save, as a link click would. */
export function downloadFile(fileName: string, content: string | Blob, type = 'application/json') {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name without the characters file systems dislike; `flow` when nothing is left. */
export function safeFileName(name: string): string {
  const printable = [...name].map((char) => (char < ' ' ? '-' : char)).join('');
  return printable.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'flow';
}
