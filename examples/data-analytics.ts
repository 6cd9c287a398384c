/**
 * Data Analytics family: Data Flow and Quick Query.
 *   npx tsx --conditions=scp-openapi-source examples/data-analytics.ts   (starts Prism mocks of the specs; see examples/README.md)
 */
import { createScpClient, paginate, type ScpSchemas } from 'scp-openapi';
import { printRequests, target } from './mock-server.ts';

type DataFlowBody = ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate'];

async function dataFlow(): Promise<void> {
  const where = await target('data-flow', '1.1');
  console.log(`data-flow 1.1 via ${where.describe}`);
  try {
    const client = createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's', ...where.options });
    client.use(printRequests);

    // Every data flow, page by page (page/size are filled in; the item type comes from the spec).
    let count = 0;
    for await (const flow of paginate(client, '/v1/data-flows', { params: { query: { sort: 'created_dt:desc' } } }, { pageSize: 20 })) {
      console.log(`  data flow ${flow.data_flow_id} "${flow.data_flow_name}" state=${flow.state}`);
      if (++count >= 5) break;
    }

    const shown = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'example-data-flow-id' } } });
    if (shown.error) console.log(`  show failed: HTTP ${shown.error.status} (request id ${shown.error.requestId ?? 'none'})`);
    else console.log(`  detail: ${shown.data.data_flow_name} on cluster ${shown.data.cluster_id}`);

    const body: DataFlowBody = {
      cluster_id: 'example-cluster-id',
      data_flow_name: 'example-flow',
      domain: 'flow.example.com',
      host_alias_list: [],
      image_id: 'example-image-id',
      ingress_controller_name: 'nginx',
      storage_class_name: 'standard',
    };
    // POST is not retried unless you opt in (per client or, as here, per request).
    const created = await client.POST('/v1/data-flows', { body, retry: { retryNonIdempotent: false } });
    console.log(`  create: HTTP ${created.response.status}`);
  } finally {
    await where.stop();
  }
}

async function quickQuery(): Promise<void> {
  const where = await target('quick-query', 'latest');
  console.log(`quick-query latest via ${where.describe}`);
  try {
    // `latest`: each operation carries its own newest Scp-Api-Version.
    const client = createScpClient('quick-query', 'latest', { region: 'kr-west1', environment: 's', ...where.options, throwOnError: true });
    client.use(printRequests);
    const { data } = await client.GET('/v1/quick-query', { params: { query: { page: 0, size: 10 } } });
    console.log(`  ${data.total_count} quick queries; first page has ${data.contents.length}`);
    const images = await client.GET('/v1/quick-query/image-versions');
    console.log(`  image versions response: ${JSON.stringify(images.data).slice(0, 120)}`);
  } finally {
    await where.stop();
  }
}

await dataFlow();
await quickQuery();
