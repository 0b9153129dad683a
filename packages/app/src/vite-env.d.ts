/// <reference types="vite/client" />
declare module 'fhirclient/lib/entry/browser' {
  import FHIR = require('fhirclient');
  export default FHIR;
}
/** Words of the Parcours codes, derived at build time from the profiles' CodeSystems (vite-plugins.ts). */
declare module 'virtual:parcours-code-labels' {
  const table: Record<string, Record<string, [string, string]>>;
  export default table;
}
