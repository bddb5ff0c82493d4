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

function functionFile(contract: EndpointContract): GeneratedFile {
  const name = functionNameOf(contract);
  return {
    path: `src/functions/${name}.js`,
    language: 'javascript',
    content: `// Azure Functions (Node.js, programming model v4): ${commentText(contract.moduleName)}.
import { app } from '@azure/functions';
import { answerWebServiceCall } from '../${nodeCoreFileName}';

app.http('${name}', {
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: async (request) => {
    const { status, body } = await answerWebServiceCall({
      method: request.method,
      authorization: request.headers.get('authorization') ?? undefined,
      body: await request.text(),
    });
    return { status, jsonBody: body };
  },
});
`,
  };
}

function packageFile(contract: EndpointContract): GeneratedFile {
  const manifest = {
    name: packageNameOf(contract),
    version: '1.0.0',
    private: true,
    description: `WebService endpoint of ${contract.moduleName} (Azure Functions)`,
    type: 'module',
    main: 'src/functions/*.js',
    engines: { node: '>=20' },
    scripts: { start: 'func start', test: 'node --test' },
    dependencies: { '@azure/functions': '^4.5.0' },
  };
  return {
    path: 'package.json',
    language: 'json',
    content: `${JSON.stringify(manifest, null, 2)}\n`,
  };
}

const hostFile: GeneratedFile = {
  path: 'host.json',
  language: 'json',
  content: `${JSON.stringify(
    {
      version: '2.0',
      functionTimeout: '00:00:20',
      extensionBundle: {
        id: 'Microsoft.Azure.Functions.ExtensionBundle',
        version: '[4.*, 5.0.0)',
      },
    },
    null,
    2,
  )}\n`,
};

function localSettingsFile(contract: EndpointContract): GeneratedFile {
  const values: Record<string, string> = {
    FUNCTIONS_WORKER_RUNTIME: 'node',
    AzureWebJobsStorage: '',
  };
  if (contract.authorization !== 'none') values[endpointTokenVariable] = '';
  return {
    path: 'local.settings.json',
    language: 'json',
    content: `${JSON.stringify({ IsEncrypted: false, Values: values }, null, 2)}\n`,
  };
}

function readmeFile(contract: EndpointContract): GeneratedFile {
  const name = functionNameOf(contract);
  const token =
    contract.authorization === 'none'
      ? ''
      : `\nSet \`${endpointTokenVariable}\` in \`local.settings.json\` (keep that file out of version control), and in the app's settings:
\`az functionapp config appsettings set --name <app> --resource-group <group> --settings ${endpointTokenVariable}=<the token>\`.\n`;
  return {
    path: 'README.md',
    language: 'markdown',
    content: `# ${name} — Azure Functions

${contractSection(contract, `src/${nodeCoreFileName}`)}
## Run locally

Needs the Azure Functions Core Tools (\`func\`).

\`\`\`sh
npm install
${tokenSetup(contract)}npm start   # http://localhost:7071/api/${name}
\`\`\`

Point the module's URL at \`http://localhost:7071/api/${name}\` and press \`Send test request\`
in Flowbench's test bench.
${token}
## Deploy

\`\`\`sh
func azure functionapp publish <app>
\`\`\`

Put \`https://<app>.azurewebsites.net/api/${name}\` into the module.
`,
  };
}

export const azureFunction: EndpointTarget = {
  label: 'Azure Functions',
  runtime: 'Node.js',
  generate: (contract) => [
    functionFile(contract),
    nodeCoreFile(contract, `src/${nodeCoreFileName}`),
    nodeCoreTestFile(contract, `src/webServiceCall.test.js`),
    packageFile(contract),
    hostFile,
    localSettingsFile(contract),
    readmeFile(contract),
  ],
};
