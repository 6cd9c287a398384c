/**
 * DBaaS family: Event Streams and Vertica (the same cluster API shape, separate specs and versions).
 *   npx tsx --conditions=scp-openapi-source examples/dbaas.ts   (starts Prism mocks of the specs; see examples/README.md)
 */
import { createScpClient, paginate, ScpApiError } from 'scp-openapi';
import { printRequests, target } from './mock-server.ts';

async function eventStreams(): Promise<void> {
  const where = await target('eventstreams', '1.0');
  console.log(`eventstreams 1.0 via ${where.describe}`);
  try {
    const client = createScpClient('eventstreams', '1.0', { region: 'kr-west1', environment: 's', ...where.options });
    client.use(printRequests);

    // DBaaS list pages report `count` instead of `total_count`; paginate handles both.
    for await (const cluster of paginate(client, '/v1/clusters', { params: { query: { service_state: 'RUNNING' } } }, { pageSize: 10 })) {
      console.log(`  cluster ${cluster.id} "${cluster.name}" ${cluster.service_state}`);
    }
    const engines = await client.GET('/v1/engine-versions', { params: { query: { eos_included: false } } });
    if (engines.error) console.log(`  engine versions failed: HTTP ${engines.error.status}`);
    else console.log(`  ${engines.data.contents.length} engine version(s)`);
  } finally {
    await where.stop();
  }
}

async function vertica(): Promise<void> {
  const where = await target('vertica', '1.0');
  console.log(`vertica 1.0 via ${where.describe}`);
  try {
    // throwOnError: non-2xx answers throw ScpApiError (status, request id, body) instead of returning { error }.
    const client = createScpClient('vertica', '1.0', { region: 'kr-west1', environment: 's', ...where.options, throwOnError: true });
    client.use(printRequests);
    const { data: page } = await client.GET('/v1/clusters', { params: { query: { page: 0, size: 5 } } });
    console.log(`  ${page.count} cluster(s)`);
    try {
      // A per-request timeout and retry policy override the client's defaults.
      const { data } = await client.GET('/v1/clusters/{cluster_id}', {
        params: { path: { cluster_id: page.contents?.[0]?.id ?? 'example-cluster-id' } },
        timeoutMs: 5_000,
        retry: { maxAttempts: 2 },
      });
      console.log(`  ${data.name}: ${data.dbaas_engine_version_name ?? 'engine version not reported'} (${data.service_state})`);
    } catch (error) {
      if (error instanceof ScpApiError) console.log(`  show cluster failed: HTTP ${error.status} ${error.requestId ?? ''}`);
      else throw error;
    }
  } finally {
    await where.stop();
  }
}

await eventStreams();
await vertica();
