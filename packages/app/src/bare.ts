// Baseline for the benchmark: fhirclient's ready() and one Patient read, nothing else.
import FHIR from 'fhirclient/lib/entry/browser';

const root = document.getElementById('root') as HTMLElement;
FHIR.oauth2
  .ready()
  .then((client) => client.patient.read())
  .then((patient) => {
    const name = (patient as { name?: { family?: string; given?: string[] }[] }).name?.[0];
    root.innerHTML = '';
    const h = document.createElement('h1');
    h.dataset.testid = 'bare-patient';
    h.textContent = `${name?.given?.join(' ') ?? ''} ${name?.family ?? ''}`.trim();
    root.append(h);
    requestAnimationFrame(() => (document.body.dataset.planRendered = String(Date.now())));
  })
  .catch((error: unknown) => {
    root.textContent = `Erreur / Error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  });
