import { describe, expect, it } from 'vitest';
import { classifyOrigin, operationExternalDocs, serviceExternalDocs } from '../../scripts/emit/external-docs.ts';
import type { MergedService } from '../../scripts/model.ts';
import { serviceFromInventory } from './inventory-service.ts';

const SITE = 'https://docs.e.samsungsdscloud.com';

describe('externalDocs from the pages the snapshot was read from', () => {
  const dataOps = serviceFromInventory('data-ops');
  const eventstreams = serviceFromInventory('eventstreams');
  const op = (svc: MergedService, name: string, version: string) => svc.operations.find((o) => o.name === name && o.version === version)!;

  it('links the per-operation page an operation was read from (002: UpdateDataOpsService 1.1)', () => {
    expect(operationExternalDocs(dataOps, op(dataOps, 'UpdateDataOpsService', '1.1'))).toEqual({
      description: 'UpdateDataOpsService 1.1 in the SCP API reference',
      url: `${SITE}/apireference/data-analytics/data-ops/apis/updatedataopsservice/1.1/`,
    });
  });

  it('otherwise links the narrowest print page that holds it, never a slug made from the heading', () => {
    // 1.0 of the same operation has no page of its own in the snapshot: data-ops' API print page.
    expect(operationExternalDocs(dataOps, op(dataOps, 'UpdateDataOpsService', '1.0'))?.url).toBe(`${SITE}/apireference/data-analytics/data-ops/apis/_print/`);
    // Event Streams is only in the category print page.
    const es = operationExternalDocs(eventstreams, eventstreams.operations[0]!);
    expect(es?.url).toBe(`${SITE}/apireference/data-analytics/_print/`);
    expect(es?.description).toMatch(/printable view of .*\/data-analytics\/ \(no page of its own/);
  });

  it('links a document to the service overview when the service\'s own section is known, else the section that holds it', () => {
    expect(serviceExternalDocs(dataOps)).toEqual({ description: 'Data Ops in the SCP API reference', url: `${SITE}/apireference/data-analytics/data-ops/` });
    expect(serviceExternalDocs(eventstreams)).toEqual({ description: `The section of the SCP API reference that holds ${eventstreams.title}`, url: `${SITE}/apireference/data-analytics/` });
    expect(serviceExternalDocs({ ...eventstreams, sourcePages: undefined })).toBeUndefined();
    expect(operationExternalDocs({ ...eventstreams, sourcePages: {} }, eventstreams.operations[0]!)).toBeUndefined();
  });

  it('classifies manifest origins, search-index sources included', () => {
    expect(classifyOrigin(`${SITE}/search-index.json#/apireference/data-analytics/data-flow/`)).toEqual({ kind: 'section', url: `${SITE}/apireference/data-analytics/data-flow/`, section: `${SITE}/apireference/data-analytics/data-flow/` });
    expect(classifyOrigin(`${SITE}/en/apireference/ai-ml/aimlops-platform/apis/checkaimlopsplatformversionv1/1.0/`)).toMatchObject({ kind: 'operation', version: '1.0', section: `${SITE}/en/apireference/ai-ml/aimlops-platform/apis/` });
    expect(classifyOrigin('sources/local.txt')).toBeUndefined();
  });
});
