// index.html entry: the app, or (for the benchmark's baseline, chosen on the launch page with ?bare=1) a bare
// fhirclient page that only reads the Patient. Both complete the same SMART launch on the same redirect URI.
// The app path starts the launch and the plan requests (early.ts) while React and the UI load (main.tsx): the
// app's chunks are already downloading (announced in index.html); main.tsx is evaluated in the next task, once
// early.ts has sent the token request, so evaluating React does not hold that request back.
if (sessionStorage.getItem('parcours-bare') === '1') {
  void import('./bare.ts');
} else {
  void import('./early.ts').then(
    () => setTimeout(() => void import('./main.tsx'), 0),
    () => void import('./main.tsx'), // main.tsx shows the failure in words
  );
}
