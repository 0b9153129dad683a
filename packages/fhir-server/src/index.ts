// @parcours/fhir-server: public API (see README.md).
export {};
