/**
 * The authentication guide (its worked example is computed by the project's signer and must agree
 * with an independent HMAC and with the shell recipe), the changelogs (from the project's diff) and
 * the 404 page.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffSpecs } from '../../scripts/diff/diff-specs.ts';
import { AUTH_EXAMPLE, exampleShell, renderAuthPage, workedExample } from '../../scripts/docs/auth-page.ts';
import { changeSteps, renderChangelogPage } from '../../scripts/docs/changelog-page.ts';
import { renderNotFoundPage } from '../../scripts/docs/not-found-page.ts';
import { operationDetails } from '../../scripts/docs/operation-detail.ts';
import { AssetTable } from '../../scripts/docs/site-assets.ts';
import { REAL_SPECS } from './helpers.ts';

const assets = new AssetTable(['portal.css', 'favicon.svg'].map((name) => ({ name, content: Buffer.from(name) })));

describe('authentication guide', () => {
  const $ = cheerio.load(renderAuthPage(assets));
  const e = AUTH_EXAMPLE;

  it('uses keys that say they are fake', () => {
    expect(e.accessKey).toMatch(/NOT-REAL/);
    expect(e.secretKey).toMatch(/not-real/);
  });

  it('shows the exact signed text and the HMAC an independent implementation computes from it', () => {
    const message = `${e.method}${e.url}${e.timestamp}${e.accessKey}${e.accountId}Openapi`;
    expect($('#signed-text').text()).toBe(message);
    expect($('#signature').text()).toBe(createHmac('sha256', e.secretKey).update(message, 'utf8').digest('base64'));
    expect($('#signature').text()).toBe(workedExample().signature);
  });

  it('lists every header the request carries, header by header, with the version header', () => {
    const headers = $('#example-headers').text().split('\n');
    expect(headers.map((h) => h.split(':')[0])).toEqual(['Scp-Accesskey', 'Scp-Signature', 'Scp-Timestamp', 'Scp-ClientType', 'Scp-AccountId', 'Scp-Api-Version']);
    expect(headers).toContain(`Scp-Signature: ${workedExample().signature}`);
    expect($('#headers tbody th code').map((_, c) => $(c).text()).get()).toEqual(expect.arrayContaining(['Scp-Accesskey', 'Scp-Signature', 'Scp-Timestamp', 'Scp-ClientType', 'Scp-AccountId', 'X-Auth-Token']));
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))('gives a shell recipe that reproduces the signature with openssl', () => {
    expect($('#example-shell').text()).toBe(exampleShell());
    expect(execFileSync('/bin/bash', ['-c', exampleShell()], { encoding: 'utf8' }).trim()).toBe(workedExample().signature);
  });
});

describe('changelog', () => {
  it('lists every change the diff reports between consecutive versions, breaking ones first, linked to the operation', async () => {
    const docs = await Promise.all(['1.0', '1.1'].map(async (version) => ({ version, doc: parse(await readFile(path.join(REAL_SPECS, 'data-flow', `${version}.yaml`), 'utf8')) as Record<string, unknown> })));
    const report = diffSpecs(docs[0]?.doc ?? {}, docs[1]?.doc ?? {});
    const steps = changeSteps('data-flow', docs);
    expect(steps.map((s) => `${s.from}→${s.to}`)).toEqual(['1.0→1.1']);
    const $ = cheerio.load(renderChangelogPage('Data Flow', steps, assets));
    const items = $('ul.changes li');
    expect(report.changes.length).toBeGreaterThan(0);
    expect(items.length).toBe(report.changes.length);
    expect($('.change-count').text()).toBe(`${report.changes.length} changes, ${report.breaking} breaking.`);
    const flags = items.map((_, li) => $(li).find('.breaking').length).get();
    expect(flags).toEqual([...flags].sort((a, b) => b - a));
    const anchors = new Set(docs.flatMap((d) => operationDetails(d.doc).map((o) => `${d.version}.html#${o.anchor}`)));
    for (const a of items.find('a').toArray()) expect(anchors.has($(a).attr('href') ?? ''), $(a).attr('href')).toBe(true);
  });

  it('orders steps newest first over three versions', () => {
    const doc = (status: string) => ({ openapi: '3.1.0', paths: { '/a': { get: { operationId: 'A', 'x-scp-status': status, responses: {} } } } });
    const steps = changeSteps('x', [
      { version: '1.0', doc: doc('SUPPORTED') },
      { version: '1.1', doc: doc('SUPPORTED') },
      { version: '1.2', doc: doc('CURRENT') },
    ]);
    expect(steps.map((s) => `${s.from}→${s.to}`)).toEqual(['1.1→1.2', '1.0→1.1']);
    expect(steps.map((s) => s.report.changes.length)).toEqual([1, 0]);
  });
});

describe('404 page', () => {
  it('is a styled page with root-relative links, so it works at any depth', () => {
    const $ = cheerio.load(renderNotFoundPage(assets));
    expect($('h1').text()).toBe('Page not found');
    expect($('link[rel="stylesheet"]').attr('href')).toBe(`/${assets.rel('portal.css')}`);
    expect($('a').map((_, a) => $(a).attr('href')).get().every((h) => h.startsWith('/'))).toBe(true);
  });
});
