// @parcours/exchange: hospital discharge exchange (FHIR Bundle, HL7 v2 ADT^A03 over HTTP and MLLP) into the shared
// plan, durable and idempotent. See README.md.
export { createExchange } from './exchange.ts';
export type { Exchange, ExchangeOptions } from './exchange.ts';
export { convertAdtA03 } from './hl7/adt.ts';
export type { Hl7Conversion, Hl7ConversionOptions } from './hl7/adt.ts';
export { parseHl7Date } from './hl7/dates.ts';
export { applyDischarge, keyHash } from './apply.ts';
export { EXCHANGE_IDENTIFIER_SYSTEM, HL7_MESSAGE_IDENTIFIER_SYSTEM } from './constants.ts';
export type { InboxMessage, MessageStatus } from './inbox.ts';
export type { RetryOptions } from './worker.ts';
