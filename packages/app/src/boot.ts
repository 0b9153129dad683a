// index.html entry: the app, or (for the benchmark's baseline, chosen on the launch page with ?bare=1) a bare
// fhirclient page that only reads the Patient. Both complete the same SMART launch on the same redirect URI.
// The app path starts the launch and the plan requests (early.ts) while React and the UI load (main.tsx): the
// app's chunks are already downloading (announced in index.html). main.tsx is evaluated once early.ts has sent
// the plan requests (or failed): evaluating React and the UI takes the page's thread for tens of milliseconds,
// which held back the token response (and so the plan requests) when it ran during the token exchange; during the
// FHIR round trips the thread is otherwise idle.
if (sessionStorage.getItem('parcours-bare') === '1') {
  void import('./bare.ts');
} else {
  const ui = (): void => void import('./main.tsx'); // main.tsx shows any failure in words
  void import('./early.ts').then(({ started }) => started.then(ui, ui), ui);
}
