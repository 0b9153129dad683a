// The report page says what happened in the reader's language: a refusal (the server's « français / English »
// message, one half), a server that does not answer (after NO_ANSWER_MS, instead of « Calcul… » forever).
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FhirApi } from '../../fhir/api.ts';
import type { FhirTransport } from '../../fhir/api.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { NO_ANSWER_MS, Report } from './Report.tsx';

const BASE = 'https://fhir.example.fr/fhir';
const refusal = JSON.stringify({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Vous ne pouvez pas voir les indicateurs de cette structure : il faut en être coordinateur ou financeur. / You may not see this structure\'s figures: only its coordinators and funders may.' }],
});

/** fhirclient's refusal: the status line, then the server's OperationOutcome. */
const refuse = (): Promise<never> => Promise.reject(Object.assign(new Error(`403 Forbidden\n${refusal}`), { status: 403 }));

/** A transport whose operations answer as `answer` says (structure choices: none, the user types an id). */
function api(answer: () => Promise<never>): FhirApi {
  const transport: FhirTransport = { request: () => answer() };
  return new FhirApi(transport, BASE);
}

function compute(lang: 'fr' | 'en', fhir: FhirApi): void {
  render(<I18nProvider initial={lang}><Report session={{ api: fhir }} /></I18nProvider>);
  fireEvent.change(document.querySelector('input[name="structure"]') as HTMLInputElement, { target: { value: 'OrganizationMicrostructureOfficeExample' } });
  fireEvent.click(screen.getByRole('button', { name: lang === 'en' ? 'Compute' : 'Calculer' }));
}

afterEach(() => vi.useRealTimers());

describe('the report page when the server refuses or stays silent', () => {
  it('gives the refusal in French only to a French reader, in English only to an English one', async () => {
    compute('fr', api(refuse));
    const fr = await screen.findByRole('alert');
    expect(fr.textContent).toContain('Le serveur a refusé le calcul : Vous ne pouvez pas voir les indicateurs de cette structure');
    expect(fr.textContent).not.toContain('You may not');
  });

  it('in English', async () => {
    compute('en', api(refuse));
    const en = await screen.findByRole('alert');
    expect(en.textContent).toContain('The server refused: You may not see this structure\'s figures');
    expect(en.textContent).not.toContain('Vous ne pouvez pas');
  });

  it('says the server did not answer after a minute, and lets the user try again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    compute('fr', api(() => new Promise<never>(() => undefined)));
    expect(screen.getByRole('status').textContent).toBe('Calcul des indicateurs…');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(NO_ANSWER_MS - 1000);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(screen.getByRole('alert').textContent).toBe('Le serveur n’a pas répondu en 60 secondes : il est peut-être surchargé ou injoignable. Réessayez dans un moment ; si cela se reproduit, prévenez l’administrateur du serveur.');
    expect((screen.getByRole('button', { name: 'Calculer' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
