// Must NOT compile (no @ts-expect-error here): the consumer test expects exactly one error, on line 5.
import { createScpClient } from 'scp-openapi';

const client = createScpClient('data-flow', '1.1');
export const wrong = client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 42 } } });
