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
  const name = functionNameOf(contract);
  return {
    path: 'index.js',
    language: 'javascript',
    content: `// Google Cloud Functions (Node.js, functions-framework): ${commentText(contract.moduleName)}.
import * as functions from '@google-cloud/functions-framework';
import { answerWebServiceCall } from './${nodeCoreFileName}';

functions.http('${name}', async (req, res) => {
  const { status, body } = await answerWebServiceCall({
    method: req.method,
    authorization: req.get('authorization'),
    body: req.body,
  });
  res.status(status).json(body);
});
`,
  };
}

function packageFile(contract: EndpointContract): GeneratedFile {
  const name = functionNameOf(contract);
  const manifest = {
    name: packageNameOf(contract),
    version: '1.0.0',
    private: true,
    description: `WebService endpoint of ${contract.moduleName} (Google Cloud Functions)`,
    type: 'module',
    main: 'index.js',
    engines: { node: '>=20' },
    scripts: {
      start: `functions-framework --target=${name} --port=8080`,
      test: 'node --test',
    },
    dependencies: { '@google-cloud/functions-framework': '^5.0.5' },
  };
  return {
    path: 'package.json',
    language: 'json',
    content: `${JSON.stringify(manifest, null, 2)}\n`,
  };
}

function readmeFile(contract: EndpointContract): GeneratedFile {
  const name = functionNameOf(contract);
  const secret =
    contract.authorization === 'none'
      ? ''
      : ` \\\n  --set-secrets=${endpointTokenVariable}=webservice-token:latest`;
  return {
    path: 'README.md',
    language: 'markdown',
    content: `# ${name} — Google Cloud Function

${contractSection(contract, nodeCoreFileName)}
## Run locally

\`\`\`sh
npm install
${tokenSetup(contract)}npm start   # http://localhost:8080/
\`\`\`

Point the module's URL at \`http://localhost:8080/\` and press \`Send test request\` in
Flowbench's test bench.

## Deploy

\`\`\`sh
gcloud functions deploy ${name} --gen2 --runtime=nodejs20 --region=europe-west3 \\
  --trigger-http --allow-unauthenticated --entry-point=${name}${secret}
\`\`\`

${contract.authorization === 'none' ? '' : `Create the secret first (\`gcloud secrets create webservice-token --data-file=-\`). `}Put the URL \`gcloud\` prints into the module.
`,
  };
}

export const googleCloudFunction: EndpointTarget = {
  label: 'Google Cloud Functions',
  runtime: 'Node.js',
  generate: (contract) => [
    indexFile(contract),
    nodeCoreFile(contract),
    nodeCoreTestFile(contract),
    packageFile(contract),
    readmeFile(contract),
  ],
};
