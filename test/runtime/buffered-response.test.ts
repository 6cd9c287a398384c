import { describe, expect, it } from 'vitest';
import { withBufferedBody } from '../../src/buffered-response.ts';

const json = '{"name":"클러스터","n":3}';
const bytes = new TextEncoder().encode(json);
const make = (): Response => {
  const original = new Response(null, { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } });
  return withBufferedBody(original, bytes);
};

describe('withBufferedBody', () => {
  it('answers every body method from the bytes, once, like an unread body', async () => {
    expect(await make().json()).toEqual({ name: '클러스터', n: 3 });
    expect(await make().text()).toBe(json);
    expect(new Uint8Array(await make().arrayBuffer())).toEqual(bytes);
    expect(await make().bytes()).toEqual(bytes);
    const blob = await make().blob();
    expect([blob.type, await blob.text()]).toEqual(['application/json', json]);

    const r = make();
    expect(r.bodyUsed).toBe(false);
    expect([r.status, r.statusText, r.headers.get('x-request-id'), r instanceof Response]).toEqual([201, 'Created', 'r-1', true]);
    await r.text();
    expect(r.bodyUsed).toBe(true);
    await expect(r.json()).rejects.toThrow(/already been read/);
    expect(() => r.clone()).toThrow(/already been consumed/);
  });

  it('streams the body when read as a stream, and looking at `body` consumes nothing', async () => {
    const r = make();
    expect(r.body).not.toBeNull();
    expect(r.body).toBe(r.body);
    expect(r.bodyUsed).toBe(false);
    expect(await new Response(r.body).text()).toBe(json);
    expect(r.bodyUsed).toBe(true);
  });

  it('clones before a read, each copy readable once', async () => {
    const r = make();
    const copy = r.clone();
    expect(await copy.json()).toEqual({ name: '클러스터', n: 3 });
    expect(await r.text()).toBe(json);
    expect(copy.headers.get('x-request-id')).toBe('r-1');
  });
});
