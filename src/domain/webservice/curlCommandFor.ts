export interface CurlRequest {
  url: string;
  authorization: string;
  body: string;
  timeoutMs: number;
}

/** The same POST as a shell command, for a terminal or a bug report. */
export function curlCommandFor(request: CurlRequest): string {
  const lines = [
    `curl -X POST ${shellQuote(request.url)}`,
    `-H ${shellQuote('Content-Type: application/json')}`,
    ...(request.authorization
      ? [`-H ${shellQuote(`Authorization: ${request.authorization}`)}`]
      : []),
    `--max-time ${Math.ceil(request.timeoutMs / 1000)}`,
    `--data-raw ${shellQuote(request.body)}`,
  ];
  return lines.join(' \\\n  ');
}

/** POSIX single quotes: nothing inside is special except the quote itself. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
