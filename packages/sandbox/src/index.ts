// @parcours/sandbox: public API (see README.md).
export {};
