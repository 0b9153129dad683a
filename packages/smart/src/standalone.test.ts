// The standalone launch's patient picker over real HTTP: it lists only the people of the signed-in user's care teams,
// and a forged answer naming anyone else is refused exactly like a person that does not exist. Then the emergency
// access (« bris de glace »): a reason, a short read-only token marked BTG, no refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeParams, exchangeCode, fhirGet, fhirPost, getAuthorize, pkce, postForm, startFixture } from './testing.ts';
import type { Fixture } from './testing.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ emergencyAccess: { lifetime: 600, deniedLabels: ['PSY'] } });
});
afterAll(async () => {
  await fx.close();
});

const SCOPE = 'launch/patient openid fhirUser offline_access patient/*.cruds';

/** Starts a standalone authorization and signs in as `user`: the request id, the PKCE verifier and the picker page. */
async function signIn(user: string): Promise<{ request: string; verifier: string; picker: Response }> {
  const { verifier, challenge } = pkce();
  const html = await (await getAuthorize(fx, authorizeParams(fx, { scope: SCOPE, code_challenge: challenge }))).text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const picker = await postForm(`${fx.base}/auth/authorize/consent`, { request, user, decision: 'approve' });
  return { request, verifier, picker };
}

function answer(form: Record<string, string>): Promise<Response> {
  return postForm(`${fx.base}/auth/authorize/consent`, form);
}

async function tokenOf(res: Response, verifier: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(302);
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return (await (await exchangeCode(fx, code, verifier)).json()) as Record<string, unknown>;
}

describe('standalone patient picker', () => {
  it('lists only the people of the signed-in user’s care teams', async () => {
    const psy = await (await signIn('psy')).picker.text();
    expect(psy).toContain('Karim Benali');
    expect(psy).not.toContain('Camille Dubois');
    expect(psy).not.toContain('value="p1"');
    const gp = await (await signIn('gp')).picker.text();
    expect(gp).toContain('Karim Benali');
    expect(gp).toContain('Camille Dubois');
  });

  it('refuses a forged answer naming a person outside the teams exactly like a person that does not exist', async () => {
    const outside = await signIn('psy');
    const refusedOutside = await answer({ request: outside.request, patient: 'p1', decision: 'approve' });
    const nobody = await signIn('psy');
    const refusedNobody = await answer({ request: nobody.request, patient: 'does-not-exist', decision: 'approve' });
    expect(refusedOutside.status).toBe(400);
    expect(refusedNobody.status).toBe(400);
    expect(await refusedOutside.text()).toBe(await refusedNobody.text());
    expect(refusedOutside.headers.get('location')).toBeNull();
    // the refused request is spent: no second try with another person
    expect((await answer({ request: outside.request, patient: 'p2', decision: 'approve' })).status).toBe(400);
  });

  it('binds the user at sign-in: a one-step form (user and patient at once) only gets the picker, and the picker’s answer cannot change the user', async () => {
    const { verifier, challenge } = pkce();
    const html = await (await getAuthorize(fx, authorizeParams(fx, { scope: SCOPE, code_challenge: challenge }))).text();
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const first = await answer({ request, user: 'psy', patient: 'p1', decision: 'approve' });
    expect(first.status).toBe(200); // the picker, no code
    expect(first.headers.get('location')).toBeNull();
    // as the GP, p1 would be allowed; the request is the psychologist's
    expect((await answer({ request, user: 'gp', patient: 'p1', decision: 'approve' })).status).toBe(400);
    const fresh = await signIn('psy');
    const body = await tokenOf(await answer({ request: fresh.request, user: 'gp', patient: 'p2', decision: 'approve' }), fresh.verifier);
    expect(body['fhirUser']).toBe('Practitioner/psy1');
    expect(body['patient']).toBe('p2');
    expect(verifier).toBeTypeOf('string');
  });
});

describe('emergency access (bris de glace)', () => {
  it('is offered on the picker, and needs a reason', async () => {
    const { request, picker } = await signIn('psy');
    expect(await picker.text()).toContain('bris de glace');
    const res = await answer({ request, patient: 'p1', reason: 'urgent', decision: 'emergency' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('motif');
    expect(res.headers.get('location')).toBeNull();
  });

  it('gives a short, read-only token for the one person, marked BTG with the reason, without refresh', async () => {
    const { request, verifier } = await signIn('psy');
    const reason = 'Appel du SAMU : personne inconsciente, traitements à connaître';
    const body = await tokenOf(await answer({ request, patient: 'p1', reason, decision: 'emergency' }), verifier);
    expect(body['patient']).toBe('p1');
    expect(body['expires_in']).toBe(600);
    expect(body['refresh_token']).toBeUndefined();
    const scopes = String(body['scope']).split(' ');
    expect(scopes).toContain('patient/*.rs');
    expect(scopes.filter((s) => s.startsWith('patient/')).every((s) => /^patient\/[*A-Za-z]+\.r?s?$/.test(s))).toBe(true); // read and search only
    expect(scopes).not.toContain('offline_access');
    const token = body['access_token'] as string;
    const claims = await fx.smart.verifyToken(token);
    expect(claims.purpose_of_use).toBe('BTG');
    expect(claims.purpose_reason).toBe(reason);
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(200);
    // never the psychotherapy notes, although the psychologist may read them in their own teams
    fx.resources.set('Encounter/psy-note', { resourceType: 'Encounter', id: 'psy-note', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p1' }, meta: { security: [{ code: 'PSY' }] } });
    expect((await fhirGet(fx, 'Encounter/psy-note', token)).status).toBe(403);
    expect((await fhirGet(fx, 'Encounter/e1', token)).status).toBe(200);
    const write = await fhirPost(fx, 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } }, token);
    expect(write.status).toBe(403);
    // expired after its lifetime
    fx.clock.now += 601_000;
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(401);
    fx.clock.now -= 601_000;
  });

  it('is refused when the server does not offer it', async () => {
    const plain = await startFixture();
    try {
      const { challenge } = pkce();
      const html = await (await getAuthorize(plain, authorizeParams(plain, { scope: SCOPE, code_challenge: challenge }))).text();
      const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const picker = await postForm(`${plain.base}/auth/authorize/consent`, { request, user: 'psy', decision: 'approve' });
      expect(await picker.text()).not.toContain('bris de glace');
      const res = await postForm(`${plain.base}/auth/authorize/consent`, { request, patient: 'p1', reason: 'Appel du SAMU, urgence vitale', decision: 'emergency' });
      expect(res.status).toBe(400);
    } finally {
      await plain.close();
    }
  });
});
