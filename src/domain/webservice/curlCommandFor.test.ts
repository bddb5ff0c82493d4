import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommandFor } from './curlCommandFor';

/** Runs the command in a real `sh` with `curl` replaced by a function printing its arguments. */
function argumentsAsShellSeesThem(command: string): string[] {
  const script = `curl() { for arg in "$@"; do printf '%s\\0' "$arg"; done; }\n${command}\n`;
  const output = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

describe('curlCommandFor', () => {
  it('writes the POST as a multi-line command', () => {
    expect(
      curlCommandFor({
        url: 'https://api.example.org/hook',
        authorization: 'Bearer secret',
        body: '{"a":"b"}',
        timeoutMs: 20_000,
      }),
    ).toBe(
      [
        "curl -X POST 'https://api.example.org/hook' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'Authorization: Bearer secret' \\",
        '  --max-time 20 \\',
        `  --data-raw '{"a":"b"}'`,
      ].join('\n'),
    );
  });

  it('leaves out the Authorization header when there is none and rounds the timeout up', () => {
    const command = curlCommandFor({
      url: 'http://localhost:8080/',
      authorization: '',
      body: '{}',
      timeoutMs: 1500,
    });

    expect(command).not.toContain('Authorization');
    expect(command).toContain('--max-time 2 ');
  });

  it('survives a real shell: quotes, $, backticks and newlines arrive unchanged', () => {
    const body = JSON.stringify(
      { variables: { remark: 'it\'s $HOME `id` \\ "quoted"', lines: 'a\nb' } },
      null,
      2,
    );
    const url = "https://api.example.org/hook?q=it's&x=$(id)";
    const authorization = "Bearer o'neil";

    const args = argumentsAsShellSeesThem(
      curlCommandFor({ url, authorization, body, timeoutMs: 20_000 }),
    );

    expect(args).toEqual([
      '-X',
      'POST',
      url,
      '-H',
      'Content-Type: application/json',
      '-H',
      `Authorization: ${authorization}`,
      '--max-time',
      '20',
      '--data-raw',
      body,
    ]);
  });
});
