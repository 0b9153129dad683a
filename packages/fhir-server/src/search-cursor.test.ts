// Keyset paging gives, page after page, exactly the rows and order of one big page: ties, missing sort values
// (NULL first ascending, last descending), several sort keys; and a row written meanwhile does not shift pages.
import { parseSearchRequest } from '@medplum/core';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
import { loadDefinitions } from './search-params.ts';

const BASE = 'http://localhost/fhir';

describe('keyset paging', () => {
  let repository: SqliteRepository;
  beforeAll(async () => {
    loadDefinitions();
    repository = new SqliteRepository(new Store(openDatabase(':memory:'), BASE));
    for (let i = 0; i < 23; i++) {
      // Dates repeat (ties), every fifth has none (NULL sort key); codes repeat for the second key.
      await repository.createResource<Observation>({
        resourceType: 'Observation', status: i % 2 ? 'final' : 'preliminary', code: { coding: [{ system: 'urn:t', code: `c${i % 3}` }] },
        ...(i % 5 === 0 ? {} : { effectiveDateTime: `2024-0${1 + (i % 4)}-01` }),
      });
    }
  });

  const ids = async (query: string): Promise<string[]> => ((await repository.search(parseSearchRequest(`Observation?${query}`))).entry ?? []).map((e) => e.resource?.id ?? '');
  const paged = async (query: string, count: number): Promise<{ ids: string[]; pages: number }> => {
    const out: string[] = [];
    let url: string | undefined = `Observation?${query}&_count=${count}`;
    let pages = 0;
    while (url && pages < 50) {
      const bundle: Bundle = await repository.search(parseSearchRequest(url));
      out.push(...(bundle.entry ?? []).map((e) => e.resource?.id ?? ''));
      const next: string | undefined = bundle.link?.find((l) => l.relation === 'next')?.url;
      url = next ? next.slice(BASE.length + 1) : undefined;
      pages++;
    }
    return { ids: out, pages };
  };

  for (const sort of ['date', '-date', 'code,-date', '-code,date', '_id', '']) {
    it(`pages through _sort=${sort || '(none)'} in the order of one page`, async () => {
      const query = sort ? `_sort=${sort}` : 'status=final,preliminary';
      const whole = await ids(`${query}&_count=1000`);
      expect(whole).toHaveLength(23);
      const walk = await paged(query, 4);
      expect(walk.ids).toEqual(whole);
      expect(walk.pages).toBe(6);
    });
  }

  it('a row written between two pages does not repeat or skip the rows already ordered', async () => {
    const first = await repository.search(parseSearchRequest('Observation?_sort=date&_count=5'));
    const seen = (first.entry ?? []).map((e) => e.resource?.id);
    await repository.createResource<Observation>({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2023-01-01' });
    const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
    const second = await repository.search(parseSearchRequest(next.slice(BASE.length + 1)));
    const again = (second.entry ?? []).map((e) => e.resource?.id);
    expect(again.some((id) => seen.includes(id))).toBe(false);
    expect(again).toHaveLength(5);
  });

  it('gives the total of every match with the first page (full, partial, empty, past the end), later pages only with _total=accurate', async () => {
    const total = async (query: string): Promise<number | undefined> => (await repository.search(parseSearchRequest(`Observation?${query}`))).total;
    const all = (await ids('_count=1000')).length; // 23, and the rows the tests above wrote
    const finals = (await ids('status=final&_count=1000')).length;
    expect(finals).toBeGreaterThan(5);
    expect(finals).toBeLessThan(all);
    expect(await total('_sort=date&_count=5')).toBe(all);
    expect(await total('status=final&_sort=-date&_count=5')).toBe(finals);
    expect(await total('status=final&_sort=-date&_count=100')).toBe(finals);
    expect(await total('code=urn:t|none&_count=5')).toBe(0);
    expect(await total('_count=5&_offset=20')).toBe(all);
    expect(await total('_count=5&_offset=40')).toBe(all);
    expect(await total('_count=0')).toBe(all);
    expect(await total('_count=5&_total=none')).toBeUndefined();
    const first = await repository.search(parseSearchRequest('Observation?_sort=date&_count=5'));
    const next = first.link?.find((l) => l.relation === 'next')?.url?.slice(BASE.length + 1) ?? '';
    expect((await repository.search(parseSearchRequest(next))).total).toBeUndefined();
    expect((await repository.search(parseSearchRequest(`${next}&_total=accurate`))).total).toBe(all);
  });
});
