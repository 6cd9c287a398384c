// CommonJS: require() of the ESM entries (Node >= 20.19 loads ES modules without top-level await this way).
const main = require('scp-openapi');
const dataFlow = require('scp-openapi/data-flow');
console.log(JSON.stringify({ main: typeof main.createScpClient, dataFlow: typeof dataFlow.createScpClient, client: String(dataFlow.createScpClient('data-flow', '1.1')) }));
