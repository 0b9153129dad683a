// @parcours/cohort: public API (see README.md).
export {};
