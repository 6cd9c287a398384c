// A browser app that uses one service: what a bundler keeps of scp-openapi/data-flow (measured gzipped).
import { createScpClient } from 'scp-openapi/data-flow';

const client = createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's', accessKey: 'AK', secretKey: 'SK' });
export const show = (id) => client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
