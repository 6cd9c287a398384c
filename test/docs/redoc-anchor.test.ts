import { describe, expect, it } from 'vitest';
import { redocOperationHash, redocTagSlug, slugify } from '../../scripts/docs/redoc-anchor.ts';

// Expected routes below are the ones Redoc 3.0.1 (build-docs 2.77.0) put in a rendered page for the
// same tag names and operationIds; the browser test re-checks every route of the real site.
describe('Redoc routes', () => {
  it('slugs tags the way slugify does (symbols spelled out, accents dropped, case kept)', () => {
    expect(slugify('AI&MLOps Platform')).toBe('AIandMLOps-Platform');
    expect(slugify('Ünïcode Tag é')).toBe('Unicode-Tag-e');
    expect(slugify('  data-flow  services ')).toBe('data-flow-services');
    expect(slugify('서비스')).toBe('');
  });

  it('lower-cases tag slugs and falls back for names slugify empties', () => {
    expect(redocTagSlug('Data Flow')).toBe('data-flow');
    expect(redocTagSlug('data-flow-services')).toBe('data-flow-services');
    expect(redocTagSlug('AI&MLOps Platform')).toBe('aiandmlops-platform');
    expect(redocTagSlug('Ünïcode Tag é')).toBe('unicode-tag-e');
    expect(redocTagSlug('서비스 목록')).toBe('서비스-목록');
  });

  it('addresses an operation by its first tag and lower-cased operationId', () => {
    expect(redocOperationHash({ operationId: 'listDataFlows', tags: ['data-flows'], method: 'GET', path: '/v1/data-flows' })).toBe(
      '#/data-flows/listdataflows',
    );
    expect(redocOperationHash({ operationId: 'OpC', tags: ['Ünïcode Tag é', '서비스'], method: 'GET', path: '/c' })).toBe('#/unicode-tag-e/opc');
  });

  it('puts untagged operations under "other", and names only the tag without an operationId', () => {
    expect(redocOperationHash({ operationId: 'Op_B.x', tags: [], method: 'GET', path: '/b' })).toBe('#/other/op_b.x');
    expect(redocOperationHash({ tags: ['Data Flow'], method: 'GET', path: '/b' })).toBe('#/data-flow');
  });
});
