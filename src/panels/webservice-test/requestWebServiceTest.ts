import {
  webServiceTestPath,
  webServiceTestRefusalSchema,
  webServiceTestResultSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
  type WebServiceTestRequest,
  type WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';

let sessionToken: Promise<string> | null = null;

/** `fetch` to the app's own server, with a failure to reach it said in plain words. */
async function reachServer(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new Error(
      'The Flowbench server could not be reached. Is it still running? (Start it with npm start.)',
      { cause: error },
    );
  }
}

async function fetchSessionToken(): Promise<string> {
  const response = await reachServer(webServiceTestSessionPath, { cache: 'no-store' });
  const session = webServiceTestSessionSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !session.success) {
    throw new Error(`The Flowbench server did not hand out a session (HTTP ${response.status}).`);
  }
  return session.data.token;
}

function currentToken(): Promise<string> {
  sessionToken ??= fetchSessionToken().catch((error: unknown) => {
    sessionToken = null;
    throw error;
  });
  return sessionToken;
}

/**
 * Asks the app's own server to send the test POST and returns its result envelope. Only a
 * failure to talk to that server throws; everything the author's endpoint does is a value.
 */
export async function requestWebServiceTest(
  request: WebServiceTestRequest,
  signal: AbortSignal,
): Promise<WebServiceTestResult> {
  const post = async (token: string) =>
    reachServer(webServiceTestPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [webServiceTestTokenHeader]: token },
      body: JSON.stringify(request),
      signal,
      cache: 'no-store',
    });
  let response = await post(await currentToken());
  if (response.status === 403) {
    // The server may have restarted since the page loaded, with a new token.
    sessionToken = null;
    response = await post(await currentToken());
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
}
