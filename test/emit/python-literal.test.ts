import { describe, expect, it } from 'vitest';
import { pythonLiteralToJson } from '../../scripts/emit/python-literal.ts';
import { inventory } from './inventory-service.ts';

describe('pythonLiteralToJson', () => {
  it('converts the literals the docs print (SOURCE-FORMATS section 5)', () => {
    expect(pythonLiteralToJson('False')).toEqual({ ok: true, value: false });
    expect(pythonLiteralToJson('True')).toEqual({ ok: true, value: true });
    expect(pythonLiteralToJson('None')).toEqual({ ok: true, value: null });
    expect(pythonLiteralToJson("{'account_id': '', 'account_password': ''}")).toEqual({ ok: true, value: { account_id: '', account_password: '' } });
    expect(pythonLiteralToJson("[{'hostnames': [''], 'ip': ''}]")).toEqual({ ok: true, value: [{ hostnames: [''], ip: '' }] });
    expect(pythonLiteralToJson("['created_at:asc']")).toEqual({ ok: true, value: ['created_at:asc'] });
  });

  it('reads numbers, tuples and nested containers', () => {
    expect(pythonLiteralToJson('20')).toEqual({ ok: true, value: 20 });
    expect(pythonLiteralToJson('-1.5e3')).toEqual({ ok: true, value: -1500 });
    expect(pythonLiteralToJson('1_000')).toEqual({ ok: true, value: 1000 });
    expect(pythonLiteralToJson("('a', 1)")).toEqual({ ok: true, value: ['a', 1] });
    expect(pythonLiteralToJson('(1,)')).toEqual({ ok: true, value: [1] });
    expect(pythonLiteralToJson('(1)')).toEqual({ ok: true, value: 1 });
    expect(pythonLiteralToJson("{'a': {'b': [1, (2, 3)], 'c': None}, 1: True,}")).toEqual({
      ok: true,
      value: { a: { b: [1, [2, 3]], c: null }, '1': true },
    });
    expect(pythonLiteralToJson(' [ ] ')).toEqual({ ok: true, value: [] });
  });

  it('handles quotes and escapes like Python', () => {
    expect(pythonLiteralToJson(`"it's"`)).toEqual({ ok: true, value: "it's" });
    expect(pythonLiteralToJson(`'say \\'hi\\''`)).toEqual({ ok: true, value: "say 'hi'" });
    expect(pythonLiteralToJson(`'a\\nb\\tc\\\\'`)).toEqual({ ok: true, value: 'a\nb\tc\\' });
    expect(pythonLiteralToJson(`'\\x41\\u00e9\\U0001F600\\101'`)).toEqual({ ok: true, value: 'Aé😀A' });
    // Unknown escapes keep their backslash, as in Python.
    expect(pythonLiteralToJson(`'^[a-z\\-]$'`)).toEqual({ ok: true, value: '^[a-z\\-]$' });
    expect(pythonLiteralToJson(`{'__proto__': 1}`)).toEqual({ ok: true, value: JSON.parse('{"__proto__": 1}') });
  });

  it('refuses anything that is not a literal, so the raw text can be kept', () => {
    for (const text of ['', 'created_at:desc', '2a9be312-5d4b-4bc8-b2ae-35100fa9241f', '1.28.1', 'CPU', "{'a'}", '{1, 2}', "'open", '[1, 2', 'true', 'none', 'f(1)', "'''x'''", '99999999999999999999', 'nan']) {
      expect(pythonLiteralToJson(text), text).toEqual({ ok: false });
    }
  });

  it('converts every Python-literal example in the inventory to JSON that survives a round trip', () => {
    const examples = Object.values(inventory().services).flatMap((s) =>
      (s.models ?? []).flatMap((m) => m.fields.flatMap((f) => f.constraints.filter(([k, v]) => k === 'Example' && /^[[{]|^(True|False|None)$/.test(v)).map(([, v]) => v))),
    );
    expect(examples.length).toBeGreaterThan(40);
    for (const text of examples) {
      const r = pythonLiteralToJson(text);
      expect(r.ok, text).toBe(true);
      if (r.ok) expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
    }
  });
});
