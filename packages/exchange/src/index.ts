// @parcours/exchange: public API (see README.md).
export {};
