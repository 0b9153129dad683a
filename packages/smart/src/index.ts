// @parcours/smart: public API (see README.md).
export {};
