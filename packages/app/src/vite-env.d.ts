/// <reference types="vite/client" />
declare module 'fhirclient/lib/entry/browser' {
  import FHIR = require('fhirclient');
  export default FHIR;
}
