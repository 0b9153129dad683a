// index.html entry: the app, or (for the benchmark's baseline, chosen on the launch page with ?bare=1) a bare
// fhirclient page that only reads the Patient. Both complete the same SMART launch on the same redirect URI.
// The app path starts the launch and the plan requests (early.ts) while React and the UI load (main.tsx): the
// app's chunks are already downloading (announced in index.html). main.tsx is evaluated once early.ts has sent
// the plan requests (or failed): evaluating React and the UI takes the page's thread for tens of milliseconds,
// which held back the token response (and so the plan requests) when it ran during the token exchange; during the
// FHIR round trips the thread is otherwise idle.
// On a slow link (index.html did not announce the UI either) the UI is asked for once the plan's data is here: the
// first paint (first-paint.ts) shows the status line and the goals meanwhile, and the data does not share the link
// with main.js (issue 17: readable in 6 s at 400 kbit/s).

// Slow or not is index.html's decision (vite-plugins.ts, SLOW_LINK), recorded as `<html data-slow-link>`: the UI
// it did not announce is the UI asked for late.

if (sessionStorage.getItem('parcours-bare') === '1') {
  void import('./bare.ts');
} else {
  const ui = (): void => void import('./main.tsx'); // main.tsx shows any failure in words
  const slow = document.documentElement.dataset.slowLink !== undefined;
  void import('./early.ts').then(({ started }) => started.then((s) => (slow && s.plan ? s.plan.then(ui, ui) : ui()), ui), ui);
}
