import type { EndpointContract } from './endpointContractOf';
import { contractSection, tokenSetup } from './endpointReadme';
import type { EndpointTarget, GeneratedFile } from './EndpointTarget';
import {
  commentText,
  endpointTokenVariable,
  functionNameOf,
  nodeCoreFile,
  nodeCoreFileName,
  nodeCoreTestFile,
  packageNameOf,
} from './nodeEndpointCore';

function indexFile(contract: EndpointContract): GeneratedFile {
  return {
    path: 'index.js',
    language: 'javascript',
    content: `// AWS Lambda (Node.js) behind a Function URL or an API Gateway HTTP API: ${commentText(contract.moduleName)}.
import { answerWebServiceCall } from './${nodeCoreFileName}';

/** Payload format 2.0 (Function URL, HTTP API) and 1.0 (REST API) alike. */
export const handler = async (event) => {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? 'POST';
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const text = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const { status, body } = await answerWebServiceCall({
    method,
    authorization: headers.authorization,
    body: text,
  });
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
};
`,
  };
}

/** Runs the handler behind a plain Node HTTP server, as a Function URL would call it. */
const localServerFile: GeneratedFile = {
  path: 'local.js',
  language: 'javascript',
  content: `// Serves the handler on http://127.0.0.1:8080/ (PORT overrides) for a test from Flowbench.
import { createServer } from 'node:http';
import { handler } from './index.js';

const port = Number(process.env.PORT ?? 8080);
createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const result = await handler({
    requestContext: { http: { method: request.method } },
    headers: request.headers,
    body: Buffer.concat(chunks).toString('utf8'),
    isBase64Encoded: false,
  });
  response.writeHead(result.statusCode, result.headers).end(result.body);
}).listen(port, '127.0.0.1', () => console.log(\`Listening on http://127.0.0.1:\${port}/\`));
`,
};

function packageFile(contract: EndpointContract): GeneratedFile {
  const manifest = {
    name: packageNameOf(contract),
    version: '1.0.0',
    private: true,
    description: `WebService endpoint of ${contract.moduleName} (AWS Lambda)`,
    type: 'module',
    main: 'index.js',
    engines: { node: '>=20' },
    scripts: { start: 'node local.js', test: 'node --test' },
  };
  return {
    path: 'package.json',
    language: 'json',
    content: `${JSON.stringify(manifest, null, 2)}\n`,
  };
}

function readmeFile(contract: EndpointContract): GeneratedFile {
  const name = functionNameOf(contract);
  const environment =
    contract.authorization === 'none'
      ? ''
      : ` \\\n  --environment "Variables={${endpointTokenVariable}=<the token>}"`;
  return {
    path: 'README.md',
    language: 'markdown',
    content: `# ${name} — AWS Lambda

${contractSection(contract, nodeCoreFileName)}
## Run locally

\`\`\`sh
${tokenSetup(contract)}npm start   # http://127.0.0.1:8080/, the handler behind a plain Node server
\`\`\`

Point the module's URL at \`http://127.0.0.1:8080/\` and press \`Send test request\` in
Flowbench's test bench.

## Deploy (Function URL)

\`\`\`sh
zip function.zip index.js ${nodeCoreFileName} package.json
aws lambda create-function --function-name ${name} --runtime nodejs20.x \\
  --handler index.handler --zip-file fileb://function.zip \\
  --role arn:aws:iam::<account>:role/<lambda-execution-role> --timeout 20${environment}
aws lambda create-function-url-config --function-name ${name} --auth-type NONE
aws lambda add-permission --function-name ${name} --statement-id url \\
  --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE
\`\`\`

Put the Function URL into the module. An API Gateway HTTP API in front works the same.
`,
  };
}

export const awsLambdaFunction: EndpointTarget = {
  label: 'AWS Lambda',
  runtime: 'Node.js',
  generate: (contract) => [
    indexFile(contract),
    nodeCoreFile(contract),
    nodeCoreTestFile(contract),
    localServerFile,
    packageFile(contract),
    readmeFile(contract),
  ],
};
