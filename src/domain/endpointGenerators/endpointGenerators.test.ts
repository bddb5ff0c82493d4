import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort } from '../../server/webservice-test/testServers';
import { flowDocumentSchema, type FlowDocument } from '../flowDocumentSchema';
import { endpointContractOf, type EndpointContract } from './endpointContractOf';
import type { GeneratedFile } from './EndpointTarget';
import { endpointTargetIds, endpointTargets } from './endpointTargets';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const token = 'generated-endpoint-token';

const answerSchema = z.object({
  data: z.object({ variables: z.record(z.string(), z.string()) }),
});
const errorSchema = z.object({ error: z.string() });

/** start → ask NPS → CRM lookup (Bearer, expects customer_tier and firstname, needs nps_score and email). */
function flowWith(webServiceData: object): FlowDocument {
  const at = { x: 0, y: 0 };
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'flow-generated',
    name: 'Generated */ flow',
    nodes: [
      { id: 'start', type: 'start', position: at },
      {
        id: 'ask-nps',
        name: 'Ask NPS',
        type: 'question',
        position: at,
        data: { prompt: 'Score?', variable: 'nps_score', inputType: 'nps' },
      },
      { id: 'crm', name: 'CRM lookup', type: 'web-service', position: at, data: webServiceData },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'ask-nps' },
      { id: 'e2', source: 'ask-nps', target: 'crm' },
    ],
  });
}

const bearerModule = {
  url: 'http://127.0.0.1:8080/',
  authorization: `Bearer ${token}`,
  expectedVariables: ['customer_tier', 'firstname'],
  requiredVariables: ['nps_score', 'email'],
};

function contractOf(data: object): EndpointContract {
  const flow = flowWith(data);
  const contract = endpointContractOf(flow, 'crm', flow.name);
  if (!contract) throw new Error('no contract');
  return contract;
}

async function writeProject(files: GeneratedFile[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'flowbench-endpoint-'));
  for (const file of files) {
    const path = join(directory, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  // The project's own dependencies stand in for `npm install`: nothing comes from the network.
  await symlink(join(repoRoot, 'node_modules'), join(directory, 'node_modules'), 'dir');
  return directory;
}

const platformBody = (variables: Record<string, string>) => ({
  process_definition_id: 'flow-generated',
  process_instance_id: 'chat-1',
  params: { referrer: 'http://example.org/' },
  variables,
});

// Spawning node on two shared cores can take seconds.
const spawnTimeoutMs = 30_000;

describe.each(endpointTargetIds)('the %s endpoint', (targetId) => {
  const target = endpointTargets[targetId];
  const files = target.generate(contractOf(bearerModule));
  let directory = '';
  beforeAll(async () => {
    directory = await writeProject(files);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('comes with the function, package.json, a README and a test', () => {
    const paths = files.map((file) => file.path);
    expect(paths).toContain('package.json');
    expect(paths).toContain('README.md');
    expect(paths.some((path) => path.endsWith('.test.js'))).toBe(true);
    const manifest = z
      .object({ type: z.string(), scripts: z.record(z.string(), z.string()) })
      .parse(JSON.parse(files.find((file) => file.path === 'package.json')?.content ?? ''));
    expect(manifest.type).toBe('module');
    expect(manifest.scripts.test).toBe('node --test');
  });

  it(
    'parses: every JavaScript file passes node --check',
    () => {
      for (const file of files.filter((candidate) => candidate.language === 'javascript')) {
        const check = spawnSync(process.execPath, ['--check', join(directory, file.path)], {
          encoding: 'utf8',
        });
        expect(check.stderr, file.path).toBe('');
        expect(check.status, file.path).toBe(0);
      }
    },
    spawnTimeoutMs,
  );

  it('lists the received variables with their certainty, and never holds the token', () => {
    const code = files.map((file) => file.content).join('\n');
    expect(code).toContain('@property {string} nps_score definitely set (Ask NPS)');
    expect(code).toContain("@property {string} [email] possibly set (the customer's profile)");
    expect(code).not.toContain(token);
    expect(code).toContain('process.env.WEBSERVICE_TOKEN');
  });

  it(
    'passes its own generated test (node --test)',
    () => {
      const run = spawnSync(process.execPath, ['--test'], { cwd: directory, encoding: 'utf8' });
      expect(run.stdout + run.stderr).toMatch(/# pass [1-9]/);
      expect(run.status, run.stdout + run.stderr).toBe(0);
    },
    spawnTimeoutMs,
  );
});

describe('the AWS Lambda handler, called with Function URL events', () => {
  let directory = '';
  let handler: (event: object) => Promise<{ statusCode: number; body: string }>;
  beforeAll(async () => {
    directory = await writeProject(
      endpointTargets['aws-lambda'].generate(contractOf(bearerModule)),
    );
    process.env.WEBSERVICE_TOKEN = token;
    const module: unknown = await import(pathToFileURL(join(directory, 'index.js')).href);
    handler = z
      .object({ handler: z.custom<typeof handler>((value) => typeof value === 'function') })
      .parse(module).handler;
  });
  afterAll(async () => {
    delete process.env.WEBSERVICE_TOKEN;
    await rm(directory, { recursive: true, force: true });
  });

  const event = (authorization: string | undefined, variables: Record<string, string>) => ({
    requestContext: { http: { method: 'POST' } },
    headers: authorization ? { Authorization: authorization } : {},
    body: Buffer.from(JSON.stringify(platformBody(variables))).toString('base64'),
    isBase64Encoded: true,
  });

  it('answers 200 with every expected variable, 403 and 400 as the contract says', async () => {
    const ok = await handler(event(`Bearer ${token}`, { nps_score: '10', email: 'a@b.org' }));
    expect(ok.statusCode).toBe(200);
    expect(Object.keys(answerSchema.parse(JSON.parse(ok.body)).data.variables).sort()).toEqual([
      'customer_tier',
      'firstname',
    ]);
    expect((await handler(event(undefined, { nps_score: '10' }))).statusCode).toBe(403);
    const missing = await handler(event(`Bearer ${token}`, { nps_score: '10' }));
    expect(missing.statusCode).toBe(400);
    expect(errorSchema.parse(JSON.parse(missing.body)).error).toContain('variables.email');
  });
});

describe('a module without Authorization', () => {
  it('generates no token check', () => {
    for (const id of endpointTargetIds) {
      const code = endpointTargets[id]
        .generate(contractOf({ ...bearerModule, authorization: '' }))
        .map((file) => file.content)
        .join('\n');
      expect(code, id).not.toContain('WEBSERVICE_TOKEN');
      expect(code, id).not.toContain('403');
    }
  });
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

describe('the Google Cloud Function, run by functions-framework on 127.0.0.1', () => {
  let directory = '';
  let child: ChildProcess;
  let url = '';

  beforeAll(async () => {
    directory = await writeProject(
      endpointTargets['google-cloud-functions'].generate(contractOf(bearerModule)),
    );
    const port = await freePort();
    let output = '';
    child = spawn(
      join(repoRoot, 'node_modules/.bin/functions-framework'),
      ['--target=crmLookup', `--source=${directory}`, `--port=${port}`],
      { env: { ...process.env, WEBSERVICE_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 25_000;
    while (!(await canConnect(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`functions-framework did not start: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, spawnTimeoutMs);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  });

  const post = (authorization: string | undefined, variables: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: JSON.stringify(platformBody(variables)),
    });

  it('answers 200 with every expected variable as a string', async () => {
    const response = await post(`Bearer ${token}`, {
      nps_score: '10',
      email: 'john.smith@example.org',
      firstname: 'John',
    });
    expect(response.status).toBe(200);
    const { variables } = answerSchema.parse(await response.json()).data;
    expect(variables).toEqual({ customer_tier: 'TODO: customer_tier', firstname: 'John' });
  });

  it('answers 403 without the token and with a wrong one', async () => {
    const variables = { nps_score: '10', email: 'a@b.org' };
    expect((await post(undefined, variables)).status).toBe(403);
    expect((await post('Bearer wrong', variables)).status).toBe(403);
    expect((await post(token, variables)).status).toBe(403);
  });

  it('answers 400 naming the missing required variable', async () => {
    const response = await post(`Bearer ${token}`, { nps_score: '10' });
    expect(response.status).toBe(400);
    expect(errorSchema.parse(await response.json()).error).toBe('variables.email is missing.');
    const empty = await post(`Bearer ${token}`, { nps_score: '', email: 'a@b.org' });
    expect(errorSchema.parse(await empty.json()).error).toBe('variables.nps_score is missing.');
  });
});
