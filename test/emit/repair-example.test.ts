import { validate, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { repairExample, type SchemaAccess } from '../../scripts/emit/repair-example.ts';

type Json = Record<string, unknown>;

/** Schemas shaped like the docs' models (eventstreams MaintenanceOption, data-flow responses). */
const components: Record<string, Json> = {
  Tag: { type: 'object', properties: { tag_key: { type: 'string', maxLength: 8 }, tag_value: { type: ['string', 'null'] } }, required: ['tag_key'] },
  Maintenance: {
    type: 'object',
    properties: {
      start_day_of_week: { type: 'string', enum: ['MON', 'TUE'] },
      term_hour: { type: 'string', pattern: '^(0\\.5|[1-5]\\.5|[1-9]|1[0-9]|2[0-4])$' },
      start_minute: { type: 'string', enum: ['00', '30'], default: '30' },
      start_time: { type: 'string', pattern: '^\\d{4}$', examples: ['0130'] },
    },
    required: ['start_day_of_week', 'term_hour', 'start_minute', 'start_time'],
  },
  List: {
    type: 'object',
    properties: {
      contents: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
      total_count: { type: 'integer', minimum: 1 },
      http_port: { type: ['integer', 'null'] },
      is_active: { type: 'boolean' },
      created_dt: { type: 'string', format: 'date-time' },
      next: { anyOf: [{ $ref: '#/components/schemas/Tag' }, { type: 'null' }] },
    },
    required: ['contents', 'total_count', 'http_port', 'is_active', 'created_dt'],
  },
};
const lookup = Object.fromEntries(Object.entries(components).map(([k, v]) => [`#/components/schemas/${k}`, v as Schema]));
const access: SchemaAccess = {
  valid: (value, schema) => validate(value, schema as Schema, '2020-12', lookup, true).valid,
  resolve: (ref) => lookup[ref],
};
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

describe('repairExample', () => {
  it('leaves a valid example as it is', () => {
    const value = { contents: [], total_count: 3, http_port: null, is_active: true, created_dt: '2026-02-11T06:41:25.909Z' };
    expect(repairExample(value, ref('List'), access)).toEqual({ value, repairs: [] });
  });

  it('replaces each failing value from the field\'s own example, default or enum, in that order', () => {
    const r = repairExample({ start_day_of_week: 'MON', term_hour: '', start_minute: '', start_time: '' }, ref('Maintenance'), access);
    expect(r?.value).toEqual({ start_day_of_week: 'MON', term_hour: '0.5', start_minute: '30', start_time: '0130' });
    expect(r?.repairs).toEqual([
      { at: '/term_hour', from: '', to: '0.5', by: 'minimal value' },
      { at: '/start_minute', from: '', to: '30', by: 'default' },
      { at: '/start_time', from: '', to: '0130', by: 'example' },
    ]);
    expect(repairExample({ start_day_of_week: '', term_hour: '1', start_minute: '00', start_time: '0000' }, ref('Maintenance'), access)?.repairs).toEqual([
      { at: '/start_day_of_week', from: '', to: 'MON', by: 'enum' },
    ]);
  });

  it('drops optional values and array items it cannot repair, and fills required ones with null or their smallest valid value', () => {
    const original = {
      contents: [{ tag_key: 'toolongtagkey' }, { tag_key: 'ok', tag_value: 1 }, 'not a tag'],
      total_count: '',
      http_port: '',
      is_active: '',
      created_dt: '',
      next: { tag_value: 2 },
    };
    const r = repairExample(original, ref('List'), access);
    expect(r?.value).toEqual({ contents: [{ tag_key: '' }, { tag_key: 'ok' }], total_count: 1, http_port: null, is_active: false, created_dt: '1970-01-01T00:00:00Z', next: { tag_key: '' } });
    expect(r?.repairs).toEqual([
      { at: '/contents/0/tag_key', from: 'toolongtagkey', to: '', by: 'minimal value' },
      { at: '/contents/1/tag_value', from: 1, by: 'dropped' },
      { at: '/contents/2', from: 'not a tag', by: 'dropped' },
      { at: '/total_count', from: '', to: 1, by: 'minimal value' },
      { at: '/http_port', from: '', to: null, by: 'null' },
      { at: '/is_active', from: '', to: false, by: 'minimal value' },
      { at: '/created_dt', from: '', to: '1970-01-01T00:00:00Z', by: 'minimal value' },
      { at: '/next/tag_value', from: 2, by: 'dropped' },
      { at: '/next/tag_key', to: '', by: 'minimal value', added: true },
    ]);
    expect(original.total_count).toBe(''); // the input is not changed
  });

  it('adds a missing required field and gives up where nothing valid can be published', () => {
    expect(repairExample({ tag_value: 'v' }, ref('Tag'), access)).toEqual({ value: { tag_value: 'v', tag_key: '' }, repairs: [{ at: '/tag_key', to: '', by: 'minimal value', added: true }] });
    expect(repairExample('', { type: 'integer' }, access)).toBeUndefined();
    expect(repairExample('', { type: 'integer', enum: [3, 4] }, access)).toEqual({ value: 3, repairs: [{ at: '', from: '', to: 3, by: 'enum' }] });
    expect(repairExample({ a: 1 }, { type: 'object', properties: { a: { type: 'string', pattern: '(?=x)y' } }, required: ['a'] }, access)).toBeUndefined();
  });
});
