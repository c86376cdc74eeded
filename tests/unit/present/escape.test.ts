import { describe, expect, it } from 'vitest';
import { html, jsonForScript, shorten, visible } from '../../../src/present/escape';
import { h, trusted } from '../../../src/present/html-kit';

describe('visible', () => {
  it.each([
    ['a\nb\tc\rd\0e', 'a\\nb\\tc\\rd\\0e'],
    ['\x1b[2J', '\\x1b[2J'],
    ['\x7f\x85\x9b', '\\x7f\\x85\\x9b'],
    ['abc\u202Egnp.exe', 'abc\\u202egnp.exe'],
    ['\u2066x\u2069\u200b\ufeff\u061c\u200e', '\\u2066x\\u2069\\u200b\\ufeff\\u061c\\u200e'],
    ['\u2028\u2029', '\\u2028\\u2029'],
    ['lone \ud800 surrogate', 'lone \\ud800 surrogate'],
    ['ok 😀 ünïcødé файл', 'ok 😀 ünïcødé файл'],
  ])('%j → %j', (input, out) => expect(visible(input)).toBe(out));

  it('shortens in the middle, keeping both ends', () => {
    const s = `start/${'x'.repeat(500)}/end`;
    const v = shorten(s, 300);
    expect(v.length).toBeLessThanOrEqual(300);
    expect(v.startsWith('start/')).toBe(true);
    expect(v).toContain('/end (');
    expect(v).toContain(`(${s.length} characters)`);
    expect(shorten('abcdefghij', 5)).toBe('abc…j');
  });
});

describe('html escaping', () => {
  it('escapes the five characters', () => expect(html(`<a href="x" title='y'>&`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;'));

  it('h escapes every interpolation but its own output and trusted()', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(h`<td title="${name}">${name}</td>`.html).toBe('<td title="&#60;img src=x onerror=alert(1)&#62;">&#60;img src=x onerror=alert(1)&#62;</td>');
    expect(h`<p>${h`<b>${'&'}</b>`}${trusted('<i>ok</i>')}${[1, '<', null, undefined, false]}</p>`.html).toBe('<p><b>&#38;</b><i>ok</i>1&#60;</p>');
  });

  it('jsonForScript: no </script>, <!--, bidi; parses back to the value', () => {
    const v = { name: '</script><script>alert(1)</script><!--', bidi: 'a\u202Eb', ls: '\u2028', ctl: '\x7f\x00' };
    const s = jsonForScript(v);
    expect(s).not.toMatch(/[<>&\u2028\u202e\x7f\x00]/);
    expect(JSON.parse(s)).toEqual(v);
  });
});
