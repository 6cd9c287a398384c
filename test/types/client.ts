/**
 * Type tests for the typed client (compiled by test/types.test.ts, never run). Every `@ts-expect-error` line must
 * fail to compile — an unused one is itself an error — and every other line must compile.
 */
import {
  createScpClient,
  createScpClientAsync,
  type ScpClientFor,
  type ScpErrorInfo,
  type ScpSchemas,
} from '../../src/index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T = true as T): void {}

const dataFlow = createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's' });
const body: ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate'] = {
  cluster_id: 'cl-1',
  data_flow_name: 'flow',
  domain: 'flow.example',
  host_alias_list: [],
  image_id: 'img-1',
  ingress_controller_name: 'nginx',
  storage_class_name: 'std',
};

export async function correctCalls(id: string): Promise<void> {
  const { data, error } = await dataFlow.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  if (error) {
    assertType<Equal<typeof error, ScpErrorInfo>>();
    const status: number = error.status;
    const requestId: string | undefined = error.requestId;
    void [status, requestId];
    return;
  }
  const name: string = data.data_flow_name;
  void name;

  // Query parameters are optional; per-request transport options sit next to openapi-fetch's.
  const list = await dataFlow.GET('/v1/data-flows', { params: { query: { page: 0, size: 20 } }, timeoutMs: 500, retry: { maxAttempts: 1 } });
  const firstId: string | undefined = list.data?.contents?.[0]?.data_flow_id;
  void firstId;
  await dataFlow.GET('/v1/data-flows');
  await dataFlow.POST('/v1/data-flows', { body, retry: { retryNonIdempotent: true } });
  await dataFlow.DELETE('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });

  // `latest` and the other versions are separate, complete specs.
  const latest = createScpClient('data-flow', 'latest');
  await latest.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  const older = createScpClient('data-flow', '1.0');
  await older.GET('/v1/data-flows');
  const streams = createScpClient('eventstreams', '1.0');
  await streams.GET('/v1/clusters', { params: { query: { page: 0, size: 10 } } });

  // throwOnError: true removes the error branch, so `data` needs no check.
  const strict = createScpClient('data-flow', '1.1', { throwOnError: true });
  const shown = await strict.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  const strictName: string = shown.data.data_flow_name;
  void strictName;
  assertType<Equal<typeof shown.error, undefined>>();

  const eager: ScpClientFor<'data-flow', '1.1'> = await createScpClientAsync('data-flow', '1.1');
  void eager;
}

export async function wrongCalls(id: string): Promise<void> {
  // @ts-expect-error a path the spec does not have
  await dataFlow.GET('/v1/data-flowz');
  // @ts-expect-error a path that exists, but not for this method
  await dataFlow.PATCH('/v1/data-flows');
  // @ts-expect-error missing required path parameter
  await dataFlow.GET('/v1/data-flows/{data_flow_id}', { params: { path: {} } });
  // @ts-expect-error init with the required path parameter omitted entirely
  await dataFlow.GET('/v1/data-flows/{data_flow_id}');
  // @ts-expect-error path parameter of the wrong type
  await dataFlow.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 42 } } });
  // @ts-expect-error body field of the wrong type
  await dataFlow.POST('/v1/data-flows', { body: { ...body, cluster_id: 7 } });
  // @ts-expect-error body missing a required field
  await dataFlow.POST('/v1/data-flows', { body: { cluster_id: 'cl-1' } });
  // @ts-expect-error query parameter of the wrong type
  await dataFlow.GET('/v1/data-flows', { params: { query: { page: 'first' } } });
  // @ts-expect-error per-request timeout of the wrong type
  await dataFlow.GET('/v1/data-flows', { timeoutMs: 'soon' });

  const { data } = await dataFlow.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: id } } });
  // @ts-expect-error data may be undefined until the error branch is excluded
  void data.data_flow_name;
  // @ts-expect-error response fields keep their types
  const wrong: number = data?.data_flow_name;
  void wrong;

  // @ts-expect-error unknown service
  createScpClient('data-flood', '1.1');
  // @ts-expect-error unknown version
  createScpClient('data-flow', '2.0');
  // @ts-expect-error a version of another service
  createScpClient('eventstreams', '1.1');
  // @ts-expect-error options are checked too
  createScpClient('data-flow', '1.1', { timeoutMs: 'long' });
}
