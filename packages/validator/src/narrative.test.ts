import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';
import { activeContentIssues } from './narrative.ts';

const observation = (div: string): Record<string, unknown> => ({
  resourceType: 'Observation', status: 'final', code: { text: 'verres' }, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${div}</div>` },
});

describe('active content in narratives and texts', () => {
  it.each([
    ['<img src="x" onerror="alert(1)"/>', 'onerror'],
    ['<svg><animate onbegin="alert(1)"/></svg>', 'svg'],
    ['<a href="javascript:alert(1)">x</a>', 'href'],
    ['<a href="java&#115;cript:alert(1)">x</a>', 'href'],
    ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', 'iframe'],
    ['<details open ontoggle="alert(1)">x</details>', 'ontoggle'],
    ['<script>alert(1)</script>', 'script'],
    ['<object data="x.swf"></object>', 'object'],
    ['<embed src="x"/>', 'embed'],
    ['<form action="https://evil.example"><input name="q"/></form>', 'form'],
    ['<base href="https://evil.example/"/>', 'base'],
    // Attribute names glued to a quoted value or after a slash, upper case, a scheme split by a tab, a style URL.
    ['<a href="#x"onclick="alert(1)">x</a>', 'onclick'],
    ['<img/onerror=alert(1) src="x"/>', 'onerror'],
    ['<p ONMOUSEOVER="alert(1)">x</p>', 'onmouseover'],
    ['<a href="java\tscript:alert(1)">x</a>', 'href'],
    ['<div style="background:url(javascript:alert(1))">x</div>', 'style'],
  ])('refuses %s in a narrative, naming the element', (div, word) => {
    const issues = activeContentIssues(observation(div));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.expression).toEqual(['Observation.text.div']);
    expect(issues.map((i) => i.details?.text).join(' ')).toContain(word);
    // and the validator reports the same as an error
    const outcome = validate(observation(div));
    expect(outcome.issue.some((i) => i.severity === 'error' && i.expression?.[0] === 'Observation.text.div')).toBe(true);
  });

  it('accepts an ordinary narrative and plain texts', () => {
    expect(activeContentIssues(observation('<p>Consommation : <b>3</b> verres, <a href="https://example.org">source</a></p>'))).toEqual([]);
    expect(activeContentIssues({ resourceType: 'Goal', description: { text: 'Moins de 3 verres < 4 par jour' }, note: [{ text: 'a < b, 2 <3' }] })).toEqual([]);
  });

  it('refuses HTML in Goal, Task and Observation notes and names', () => {
    expect(activeContentIssues({ resourceType: 'Goal', note: [{ text: 'Réduire <b onmouseover=alert(1)>' }] })[0]?.expression).toEqual(['Goal.note[0].text']);
    expect(activeContentIssues({ resourceType: 'Task', description: '<img src=x>' })[0]?.expression).toEqual(['Task.description']);
    expect(activeContentIssues({ resourceType: 'Patient', name: [{ family: '<i>Martin</i>' }] })[0]?.expression).toEqual(['Patient.name[0].family']);
    expect(activeContentIssues({ resourceType: 'Observation', note: [{ text: 'javascript:alert(1)' }] })).toHaveLength(1);
  });

  it('checks Bundle entries and contained resources by their own type', () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Goal', note: [{ text: '<b>x</b>' }] } }] };
    expect(activeContentIssues(bundle)[0]?.expression).toEqual(['Bundle.entry[0].resource.note[0].text']);
    // R4 code systems hold codes such as <integer>: only active content is refused there
    expect(activeContentIssues({ resourceType: 'CodeSystem', concept: [{ code: '<integer>' }] })).toEqual([]);
    expect(activeContentIssues({ resourceType: 'CodeSystem', concept: [{ code: '<img src=x onerror=alert(1)>' }] })).toHaveLength(1);
  });
});
