/**
 * AI&MLOps Platform.
 *   npx tsx --conditions=scp-openapi-source examples/aimlops.ts   (starts a Prism mock of the spec; see examples/README.md)
 */
import { createScpClient, paginate } from 'scp-openapi';
import { printRequests, target } from './mock-server.ts';

const where = await target('aimlops-platform', 'latest');
console.log(`aimlops-platform latest via ${where.describe}`);
try {
  const client = createScpClient('aimlops-platform', 'latest', {
    region: 'kr-west1',
    environment: 's',
    ...where.options,
    // Logging hook: requests, responses and retries (never headers, secrets or signatures).
    onEvent: (event) => {
      if (event.type === 'retry') console.log(`  retrying ${event.method} ${event.url} in ${event.delayMs} ms`);
    },
  });
  client.use(printRequests);

  let n = 0;
  for await (const platform of paginate(client, '/v1/aimlops-platform', undefined, { pageSize: 20 })) {
    console.log(`  platform ${platform.release_name ?? '?'} (${platform.status ?? 'status unknown'}) on ${platform.cluster_name ?? '?'}`);
    if (++n >= 5) break;
  }

  const duplicate = await client.GET('/v1/aimlops-platform/check-duplication', { params: { query: { release_name: 'my-kubeflow' } } });
  if (duplicate.error) console.log(`  check failed: HTTP ${duplicate.error.status}`);
  else console.log(`  name "my-kubeflow" taken: ${JSON.stringify(duplicate.data.result)}`);

  const images = await client.GET('/v1/aimlops-platform/images', { params: { query: { page: 0, size: 10 } } });
  console.log(`  ${images.data?.contents?.length ?? 0} image(s) on the first page`);
} finally {
  await where.stop();
}
