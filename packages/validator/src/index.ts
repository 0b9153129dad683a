// @parcours/validator: public API (see README.md).
export {};
