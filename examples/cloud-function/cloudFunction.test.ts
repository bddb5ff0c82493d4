import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  freePort,
  startFlowbench,
  type Flowbench,
} from '../../src/server/webservice-test/testServers';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiToken = 'test-api-token';
const stringVariablesSchema = z.object({
  data: z.object({ variables: z.record(z.string(), z.string()) }),
});

const platformBody = (variables: Record<string, string>) =>
  JSON.stringify({
    process_definition_id: 'pd-1',
    process_instance_id: 'pi-1',
    params: { referrer: 'http://example.org/' },
    variables,
  });

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilListening(child: ChildProcess, port: number, output: () => string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`functions-framework exited with ${child.exitCode}: ${output()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`functions-framework did not listen on ${port}: ${output()}`);
}

describe('the Cloud Function example, run by functions-framework, called through the test route', () => {
  let child: ChildProcess;
  let functionUrl: string;
  let flowbench: Flowbench;

  beforeAll(async () => {
    const port = await freePort();
    let output = '';
    child = spawn(
      `${repoRoot}node_modules/.bin/functions-framework`,
      ['--target=crmLookup', `--source=${repoRoot}examples/cloud-function`, `--port=${port}`],
      { env: { ...process.env, API_TOKEN: apiToken }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    functionUrl = `http://127.0.0.1:${port}/`;
    flowbench = await startFlowbench();
    await waitUntilListening(child, port, () => output);
  }, 20_000);

  afterAll(async () => {
    await flowbench.close();
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
  });

  it("answers the customer's variables as strings with the right Bearer token", async () => {
    const result = await flowbench.test({
      url: functionUrl,
      authorization: `Bearer ${apiToken}`,
      body: platformBody({ email: 'john.smith@example.org', nps_score: '10' }),
      timeoutMs: 5000,
    });
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    // The platform takes only string values.
    const answer = stringVariablesSchema.parse(JSON.parse(result.response.body));
    expect(answer.data.variables).toMatchObject({
      firstname: 'John',
      lastname: 'Smith',
      customer_tier: 'gold',
    });
    expect(answer.data.variables.crm_checked_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('answers 403 to a wrong token', async () => {
    const result = await flowbench.test({
      url: functionUrl,
      authorization: 'Bearer wrong',
      body: platformBody({ email: 'john.smith@example.org' }),
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: 'http-error', response: { status: 403 } });
  });

  it('answers 403 without a token and 400 without an email', async () => {
    const noToken = await flowbench.test({ url: functionUrl, body: platformBody({}) });
    expect(noToken).toMatchObject({ outcome: 'http-error', response: { status: 403 } });
    const noEmail = await flowbench.test({
      url: functionUrl,
      authorization: `Bearer ${apiToken}`,
      body: platformBody({ firstname: 'John' }),
      timeoutMs: 5000,
    });
    expect(noEmail).toMatchObject({ outcome: 'http-error', response: { status: 400 } });
    expect(noEmail.outcome === 'http-error' && noEmail.response.body).toContain('variables.email');
  });
});
