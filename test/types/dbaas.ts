/**
 * Type tests (compiled by test/types.test.ts): optional request fields stay optional when they have a default
 * (generated with defaultNonNullable: false), so a DBaaS create body with only the documented-required fields
 * compiles, while a wrong value for a defaulted field still does not.
 */
import { createScpClient, type ScpSchemas } from '../../src/index.ts';

type CreateBody = ScpSchemas<'vertica', '1.0'>['VerticaClusterCreateRequest'];

// volume_type (default SSD) and database_locale (default ko_KR.utf8) left out.
const body: CreateBody = {
  dbaas_engine_version_id: 'engine-1',
  init_config_option: { database_name: 'db', database_user_name: 'admin', database_user_password: 'pw' },
  instance_groups: [{ role_type: 'PRIMARY', server_type_name: 'db1v2m4', block_storage_groups: [{ role_type: 'DATA', size_gb: 100 }] }],
  instance_name_prefix: 'vt',
  name: 'vertica-1',
  subnet_id: 'subnet-1',
  timezone: 'Asia/Seoul',
};

export async function createWithDefaults(): Promise<void> {
  const vertica = createScpClient('vertica', '1.0');
  await vertica.POST('/v1/clusters', { body });
  await vertica.POST('/v1/clusters', {
    body: { ...body, instance_groups: [{ role_type: 'PRIMARY', server_type_name: 'db1v2m4', block_storage_groups: [{ role_type: 'DATA', size_gb: 100, volume_type: 'HDD' }] }] },
  });
  await vertica.POST('/v1/clusters', {
    // @ts-expect-error a defaulted field is optional, not untyped
    body: { ...body, instance_groups: [{ role_type: 'PRIMARY', server_type_name: 'db1v2m4', block_storage_groups: [{ role_type: 'DATA', size_gb: 100, volume_type: 'NVME' }] }] },
  });
  // @ts-expect-error the documented-required fields are still required
  await vertica.POST('/v1/clusters', { body: { name: 'vertica-1' } });
}
