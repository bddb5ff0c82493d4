import {
  webServiceTestPath,
  webServiceTestRefusalSchema,
  webServiceTestResultSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
  type WebServiceTestRequest,
  type WebServiceTestResult,
} from '../domain/webservice/webServiceTestApi';

/**
 * The page's one way to the app's WebService route, shared by the test bench and the chat
 * preview. It holds the session token the server hands out and the calls under way, so a call
 * can be cancelled by its id from wherever it is shown.
 */
export interface WebServiceClient {
  /**
   * Asks the app's server to send the POST and returns its result envelope. Only a failure to
   * talk to that server (or a cancel) rejects; everything the author's endpoint does is a value.
   */
  send: (callId: string, request: WebServiceTestRequest) => Promise<WebServiceTestResult>;
  /** Stops a call under way; its `send` rejects with an `AbortError`. Unknown ids are ignored. */
  cancel: (callId: string) => void;
}

export function createWebServiceClient(fetchImpl: typeof fetch = fetch): WebServiceClient {
  let sessionToken: Promise<string> | null = null;
  const callsUnderWay = new Map<string, AbortController>();

  /** `fetch` to the app's own server, with a failure to reach it said in plain words. */
  const reachServer = async (path: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(path, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new Error(
        'The Flowbench server could not be reached. Is it still running? (Start it with npm start.)',
        { cause: error },
      );
    }
  };

  const fetchSessionToken = async (): Promise<string> => {
    const response = await reachServer(webServiceTestSessionPath, { cache: 'no-store' });
    const session = webServiceTestSessionSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !session.success) {
      throw new Error(`The Flowbench server did not hand out a session (HTTP ${response.status}).`);
    }
    return session.data.token;
  };

  const currentToken = (): Promise<string> => {
    sessionToken ??= fetchSessionToken().catch((error: unknown) => {
      sessionToken = null;
      throw error;
    });
    return sessionToken;
  };

  const post = (request: WebServiceTestRequest, signal: AbortSignal, token: string) =>
    reachServer(webServiceTestPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [webServiceTestTokenHeader]: token },
      body: JSON.stringify(request),
      signal,
      cache: 'no-store',
    });

  const sendWith = async (
    request: WebServiceTestRequest,
    signal: AbortSignal,
  ): Promise<WebServiceTestResult> => {
    let response = await post(request, signal, await currentToken());
    if (response.status === 403) {
      // The server may have restarted since the page loaded, with a new token.
      sessionToken = null;
      response = await post(request, signal, await currentToken());
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const refusal = webServiceTestRefusalSchema.safeParse(json);
      throw new Error(
        `The Flowbench server refused the test (HTTP ${response.status}): ${refusal.success ? refusal.data.error : 'no reason given'}`,
      );
    }
    const result = webServiceTestResultSchema.safeParse(json);
    if (!result.success) {
      throw new Error('The Flowbench server answered with something that is not a test result.');
    }
    return result.data;
  };

  return {
    send: async (callId, request) => {
      const abort = new AbortController();
      callsUnderWay.get(callId)?.abort();
      callsUnderWay.set(callId, abort);
      try {
        return await sendWith(request, abort.signal);
      } finally {
        if (callsUnderWay.get(callId) === abort) callsUnderWay.delete(callId);
      }
    },
    cancel: (callId) => callsUnderWay.get(callId)?.abort(),
  };
}

export function isCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
