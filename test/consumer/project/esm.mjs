// Plain Node ESM, no TypeScript anywhere: the entries resolve to dist/ and work.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as main from 'scp-openapi';
import * as dataFlow from 'scp-openapi/data-flow';
import pkg from 'scp-openapi/package.json' with { type: 'json' };

const spec = fileURLToPath(import.meta.resolve('scp-openapi/specs/data-flow/1.1.yaml'));
const client = main.createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's' });
let refused = '';
try {
  dataFlow.createScpClient('vertica', '1.0');
} catch (e) {
  refused = `${e.name}: ${e.message}`;
}
console.log(
  JSON.stringify({
    name: pkg.name,
    mainFrom: fileURLToPath(import.meta.resolve('scp-openapi')).split('node_modules/')[1],
    services: Object.keys(main.registry).sort(),
    dataFlowServices: Object.keys(dataFlow.registry),
    client: String(client),
    refused,
    specExists: existsSync(spec),
    specTitle: /title: (.*)/.exec(readFileSync(spec, 'utf8'))?.[1],
    sameErrorClass: main.ScpError === dataFlow.ScpError,
  }),
);
