/** Type tests for paginate (compiled by test/types.test.ts, never run): the item type follows from the path. */
import { createScpClient, paginate, type ScpSchemas } from '../../src/index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T = true as T): void {}

const dataFlow = createScpClient('data-flow', '1.1');
const streams = createScpClient('eventstreams', '1.0');

export async function correctUse(): Promise<void> {
  for await (const flow of paginate(dataFlow, '/v1/data-flows', { params: { query: { sort: 'created_dt:desc' } } }, { pageSize: 50 })) {
    const id: string = flow.data_flow_id;
    void id;
  }
  const flows = paginate(dataFlow, '/v1/data-flows');
  type Flow = typeof flows extends AsyncGenerator<infer T> ? T : never;
  type Listed = NonNullable<ScpSchemas<'data-flow', '1.1'>['ListDataFlowsConsoleResponseV1Dot1']['contents']>[number];
  assertType<Equal<Flow, Listed>>();

  for await (const cluster of paginate(streams, '/v1/clusters', undefined, { itemsKey: 'contents' })) {
    const name: string = cluster.name;
    void name;
  }
}

export function wrongUse(): void {
  // @ts-expect-error not a paged path (no page query parameter)
  paginate(dataFlow, '/v1/data-flows/{data_flow_id}');
  // @ts-expect-error not a path of this spec
  paginate(dataFlow, '/v1/clusters');
  // @ts-expect-error itemsKey must name an array property of the response
  paginate(dataFlow, '/v1/data-flows', undefined, { itemsKey: 'total_count' });
  // @ts-expect-error query parameters are checked
  paginate(dataFlow, '/v1/data-flows', { params: { query: { state: 'NOT-A-STATE' } } });
}

export async function requiredPageParams(): Promise<void> {
  // quick-query declares page and size as required query parameters; paginate supplies them.
  const quickQuery = createScpClient('quick-query', '1.1');
  for await (const q of paginate(quickQuery, '/v1/quick-query', undefined, { pageSize: 10 })) void q;
  for await (const q of paginate(quickQuery, '/v1/quick-query')) void q;
  // vertica's backup histories need the cluster id: init is required there.
  const vertica = createScpClient('vertica', '1.0');
  for await (const h of paginate(vertica, '/v1/clusters/{cluster_id}/backup-histories', { params: { path: { cluster_id: 'c-1' } } }, { pageSize: 5, sizeParam: 'limit' })) void h;
  // @ts-expect-error the required path parameter is missing
  paginate(vertica, '/v1/clusters/{cluster_id}/backup-histories');
}
