/**
 * Compiled in the consumer projects (test/consumer) under NodeNext, Node16 and Bundler, with and without
 * @types/node, strict with exactOptionalPropertyTypes and skipLibCheck off. Every `@ts-expect-error` must be needed.
 */
import { createScpClient, paginate, ScpApiError, ScpError, type ScpErrorInfo, type ScpSchemas } from 'scp-openapi';
import * as dataFlowOnly from 'scp-openapi/data-flow';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

const client = createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's', timeoutMs: 5_000 });
const body: ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate'] = {
  cluster_id: 'cl-1',
  data_flow_name: 'flow',
  domain: 'flow.example.com',
  host_alias_list: [],
  image_id: 'img-1',
  ingress_controller_name: 'nginx',
  storage_class_name: 'standard',
};

export async function calls(id: string): Promise<string | undefined> {
  const { data, error } = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  if (error) {
    assertType<Equal<typeof error, ScpErrorInfo>>();
    return undefined;
  }
  await client.POST('/v1/data-flows', { body, retry: { retryNonIdempotent: true } });
  for await (const flow of paginate(client, '/v1/data-flows', undefined, { pageSize: 10 })) return flow.data_flow_id;

  // The per-service entry has the same API for its one service.
  const own = dataFlowOnly.createScpClient('data-flow', 'latest', { throwOnError: true });
  const shown = await own.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  assertType<Equal<typeof shown.error, undefined>>();
  const ownBody: dataFlowOnly.ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate'] = body;
  void ownBody;

  // Misuses that must not compile.
  // @ts-expect-error unknown path
  await client.GET('/v1/data-flowz');
  // @ts-expect-error required path parameter missing
  await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: {} } });
  // @ts-expect-error wrong body field type
  await client.POST('/v1/data-flows', { body: { ...body, cluster_id: 7 } });
  // @ts-expect-error a service the per-service entry does not have
  dataFlowOnly.createScpClient('vertica', '1.0');
  // @ts-expect-error unknown version
  createScpClient('data-flow', '9.9');
  return data.data_flow_name;
}

export function isScpError(e: unknown): boolean {
  return e instanceof ScpError || e instanceof ScpApiError;
}
