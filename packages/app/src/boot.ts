// index.html entry: the app, or (for the benchmark's baseline, chosen on the launch page with ?bare=1) a bare
// fhirclient page that only reads the Patient. Both complete the same SMART launch on the same redirect URI.
// The app path starts the launch and the plan requests (early.ts) while React and the UI load (main.tsx).
if (sessionStorage.getItem('parcours-bare') === '1') {
  void import('./bare.ts');
} else {
  void import('./early.ts');
  void import('./main.tsx');
}
