/**
 * The package.json "browser" map swaps two Node-only modules for stand-ins in browser bundles: they must export the
 * same names, and behave as a browser needs (WebCrypto signing; config files only through an injected reader).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as configFiles from '../../src/config-files.ts';
import * as configFilesBrowser from '../../src/config-files.browser.ts';
import * as nodeCrypto from '../../src/node-crypto.ts';
import * as nodeCryptoBrowser from '../../src/node-crypto.browser.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('browser stand-ins', () => {
  it('are mapped for the compiled and the source files, and export the same names as the modules they replace', () => {
    const browser = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser: Record<string, string> }).browser;
    for (const name of ['node-crypto', 'config-files']) {
      expect(browser[`./dist/src/${name}.js`]).toBe(`./dist/src/${name}.browser.js`);
      expect(browser[`./src/${name}.ts`]).toBe(`./src/${name}.browser.ts`);
    }
    expect(Object.keys(nodeCryptoBrowser).sort()).toEqual(Object.keys(nodeCrypto).sort());
    expect(Object.keys(configFilesBrowser).sort()).toEqual(Object.keys(configFiles).sort());
  });

  it('offer no node:crypto, and config files only through an injected reader and directory', async () => {
    expect(nodeCryptoBrowser.nodeCryptoSync()).toBeUndefined();
    expect(await nodeCryptoBrowser.nodeCryptoAsync()).toBeUndefined();
    const readFile = async (file: string) => (file === '/conf/credentials.json' ? '{}' : undefined);
    expect(await configFilesBrowser.configFileAccess({ readFile }, {})).toBeUndefined();
    const access = await configFilesBrowser.configFileAccess({ readFile, configDir: '/conf/' }, {});
    expect(access?.join('credentials.json')).toBe('/conf/credentials.json');
    expect(await access?.read('/conf/credentials.json')).toBe('{}');
  });
});
