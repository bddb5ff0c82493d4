import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { WebServiceTestResult } from '../domain/webservice/webServiceTestApi';
import { createWebServiceClient, isCancelled } from './createWebServiceClient';
import { cancelTestCallsOfFlow } from './useWebServiceTestCall';

const okResult: WebServiceTestResult = {
  outcome: 'network-error',
  timings: { totalMs: 1, firstByteMs: null },
  code: 'ECONNREFUSED',
  reason: 'Nothing listens there',
};
const request = { url: 'http://127.0.0.1:9/hook', authorization: '', body: '{}', timeoutMs: 500 };

/** A fake of the app's server: hands out `tokens` in turn and answers test posts by `answer`. */
function fakeServer(answer: (token: string, signal: AbortSignal) => Promise<Response>) {
  const tokens = ['token-1', 'token-2'];
  const sessions: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    if (input === '/api/session') {
      const token = tokens[sessions.length] ?? 'token-x';
      sessions.push(token);
      return Response.json({ token });
    }
    const headers = new Headers(init?.headers);
    return answer(headers.get('x-flowbench-token') ?? '', init?.signal ?? new AbortSignal());
  };
  return { fetchImpl, sessions };
}

function untilAborted(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () =>
      reject(new DOMException('The call was cancelled', 'AbortError')),
    ),
  );
}

describe('createWebServiceClient', () => {
  it('asks for a session once and reuses its token', async () => {
    const server = fakeServer(() => Promise.resolve(Response.json(okResult)));
    const client = createWebServiceClient(server.fetchImpl);

    await expect(client.send('a', request)).resolves.toEqual(okResult);
    await expect(client.send('b', request)).resolves.toEqual(okResult);
    expect(server.sessions).toEqual(['token-1']);
  });

  it('fetches a new token once when the server restarted and refuses the old one', async () => {
    const server = fakeServer((token) =>
      Promise.resolve(
        token === 'token-2'
          ? Response.json(okResult)
          : Response.json({ error: 'bad' }, { status: 403 }),
      ),
    );
    const client = createWebServiceClient(server.fetchImpl);

    await expect(client.send('a', request)).resolves.toEqual(okResult);
    expect(server.sessions).toEqual(['token-1', 'token-2']);
  });

  it('says why the server refused, and when it cannot be reached', async () => {
    const refusing = createWebServiceClient(
      fakeServer(() => Promise.resolve(Response.json({ error: 'Too many calls' }, { status: 429 })))
        .fetchImpl,
    );
    await expect(refusing.send('a', request)).rejects.toThrow(
      'The Flowbench server refused the test (HTTP 429): Too many calls',
    );

    const gone = createWebServiceClient(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(gone.send('a', request)).rejects.toThrow(
      'The Flowbench server could not be reached',
    );
  });

  it('cancels a call by its id and leaves the others running', async () => {
    let answer!: () => void;
    const server = fakeServer(
      (_, signal) =>
        new Promise((resolve, reject) => {
          answer = () => resolve(Response.json(okResult));
          signal.addEventListener('abort', () =>
            reject(new DOMException('The call was cancelled', 'AbortError')),
          );
        }),
    );
    const client = createWebServiceClient(server.fetchImpl);
    const cancelled = client.send('cancel-me', request).catch((error: unknown) => error);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const kept = client.send('keep-me', request);
    await new Promise((resolve) => setTimeout(resolve, 0));

    client.cancel('cancel-me');
    answer();

    expect(isCancelled(await cancelled)).toBe(true);
    await expect(kept).resolves.toEqual(okResult);
  });
});

describe('cancelTestCallsOfFlow', () => {
  it("cancels the deleted flow's calls under way, not another flow's", async () => {
    const queryClient = new QueryClient();
    const client = createWebServiceClient(
      fakeServer((_, signal) => untilAborted(signal)).fetchImpl,
    );
    const start = (flowId: string) => {
      const mutationKey = ['webservice-test', flowId, 'ws'];
      const observer = new MutationObserver(queryClient, {
        mutationKey,
        mutationFn: () => client.send(JSON.stringify(mutationKey), request),
      });
      return observer.mutate().catch((error: unknown) => error);
    };
    const doomed = start('gone');
    const other = start('kept');
    await new Promise((resolve) => setTimeout(resolve, 0));

    cancelTestCallsOfFlow(queryClient, client, 'gone');

    expect(isCancelled(await doomed)).toBe(true);
    const stillRunning = queryClient
      .getMutationCache()
      .findAll({ mutationKey: ['webservice-test', 'kept'], status: 'pending' });
    expect(stillRunning).toHaveLength(1);
    cancelTestCallsOfFlow(queryClient, client, 'kept');
    expect(isCancelled(await other)).toBe(true);
  });
});
