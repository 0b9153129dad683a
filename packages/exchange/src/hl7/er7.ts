// ER7 helpers around @medplum/core's Hl7Message: checks of the MSH encoding characters before parsing,
// sub-components, HL7 escape sequences, and acknowledgements (MSA) built by hand so MSA-3 carries our text.
// https://hl7-definition.caristix.com/v2/HL7v2.5/Segments/MSH
import { Hl7Message } from '@medplum/core';
import type { Hl7Field, Hl7Segment } from '@medplum/core';

export type AckCode = 'AA' | 'AE' | 'AR';

export interface MessageHeader {
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  messageType: string;
  triggerEvent: string;
  controlId: string;
  processingId: string;
  version: string;
}

/** A rejected message: what to answer (AE or AR) and why, in French and English. */
export class Hl7Rejection extends Error {
  readonly ack: Exclude<AckCode, 'AA'>;
  readonly errorCode: string;
  constructor(ack: Exclude<AckCode, 'AA'>, fr: string, en: string, errorCode = '207') {
    super(`${fr} / ${en}`);
    this.name = 'Hl7Rejection';
    this.ack = ack;
    this.errorCode = errorCode;
  }
}

/** Normalises segment separators (CR, LF, CRLF) to CR and drops MLLP framing bytes and blank lines. */
export function normaliseEr7(text: string): string {
  return text
    .replaceAll('\u000b', '')
    .replaceAll('\u001c', '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim().length > 0)
    .join('\r');
}

/**
 * Checks MSH-1 and MSH-2 (field separator and encoding characters). Other characters than `|^~\&` are legal and
 * parsed, but they must be four distinct, non-alphanumeric characters different from the field separator.
 */
export function checkEncodingCharacters(text: string): void {
  if (!text.startsWith('MSH')) {
    throw new Hl7Rejection('AR', 'Le message ne commence pas par un segment MSH', 'The message does not start with an MSH segment', '100');
  }
  const fieldSeparator = text.charAt(3);
  if (!fieldSeparator || /[A-Za-z0-9\r\s]/.test(fieldSeparator)) {
    throw new Hl7Rejection('AR', 'Séparateur de champ (MSH-1) invalide', 'Invalid field separator (MSH-1)', '102');
  }
  const end = text.indexOf(fieldSeparator, 4);
  const encoding = end < 0 ? text.slice(4) : text.slice(4, end);
  const chars = [...encoding];
  const distinct = new Set([...chars, fieldSeparator]);
  if (chars.length < 4 || chars.length > 5 || distinct.size !== chars.length + 1 || chars.some((c) => /[A-Za-z0-9\r\s]/.test(c))) {
    throw new Hl7Rejection(
      'AR',
      `Caractères d'encodage invalides en MSH-2 (« ${encoding} ») : quatre caractères distincts attendus, par exemple ^~\\&`,
      `Invalid encoding characters in MSH-2 ("${encoding}"): four distinct characters expected, e.g. ^~\\&`,
      '102',
    );
  }
}

/** Parses ER7 text (after the checks above). */
export function parseEr7(text: string): Hl7Message {
  const normalised = normaliseEr7(text);
  checkEncodingCharacters(normalised);
  try {
    return Hl7Message.parse(normalised);
  } catch (error) {
    throw new Hl7Rejection('AR', `Message HL7 v2 illisible : ${(error as Error).message}`, `Unreadable HL7 v2 message: ${(error as Error).message}`, '100');
  }
}

/** Unescapes HL7 escape sequences (\F\ \S\ \T\ \R\ \E\, \.br\) in a text value. */
export function unescapeHl7(value: string, message: Hl7Message): string {
  const c = message.context;
  const esc = c.escapeCharacter;
  if (!esc || !value.includes(esc)) return value;
  const map: Record<string, string> = {
    F: c.fieldSeparator,
    S: c.componentSeparator,
    T: c.subcomponentSeparator,
    R: c.repetitionSeparator,
    E: esc,
    '.br': '\n',
  };
  const pattern = new RegExp(`${escapeRegExp(esc)}(F|S|T|R|E|\\.br)${escapeRegExp(esc)}`, 'g');
  return value.replace(pattern, (_, code: string) => map[code] ?? '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Escapes text for an ER7 field (used in ACK texts). */
export function escapeHl7(value: string, message?: Hl7Message): string {
  const c = message?.context;
  const esc = c?.escapeCharacter ?? '\\';
  const pairs: [string, string][] = [
    [esc, 'E'],
    [c?.fieldSeparator ?? '|', 'F'],
    [c?.componentSeparator ?? '^', 'S'],
    [c?.subcomponentSeparator ?? '&', 'T'],
    [c?.repetitionSeparator ?? '~', 'R'],
  ];
  let out = '';
  for (const ch of value.replace(/[\r\n]+/g, ' ')) {
    const pair = pairs.find(([char]) => char === ch);
    out += pair ? `${esc}${pair[1]}${esc}` : ch;
  }
  return out;
}

/** Component (1-based) of a field repetition, split into sub-components. */
export function subComponents(field: Hl7Field, component: number, repetition = 0): string[] {
  const value = field.components[repetition]?.[component - 1] ?? '';
  return value.split(field.context.subcomponentSeparator);
}

/** A component (1-based) of a field repetition, unescaped and trimmed. */
export function comp(message: Hl7Message, field: Hl7Field | undefined, component: number, repetition = 0): string {
  if (!field) return '';
  const value = field.components[repetition]?.[component - 1] ?? '';
  return unescapeHl7(value, message).trim();
}

/** A field (1-based) of a segment; undefined when the segment is absent. */
export function fieldOf(segment: Hl7Segment | undefined, index: number): Hl7Field | undefined {
  return segment ? segment.getField(index) : undefined;
}

export function readHeader(message: Hl7Message): MessageHeader {
  const msh = message.header;
  const c = (field: number, component = 1): string => comp(message, msh.getField(field), component);
  return {
    sendingApplication: c(3),
    sendingFacility: c(4),
    receivingApplication: c(5),
    receivingFacility: c(6),
    messageType: c(9, 1),
    triggerEvent: c(9, 2),
    controlId: c(10),
    processingId: c(11),
    version: c(12),
  };
}

const ERROR_NAMES: Record<string, string> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '204': 'Unknown key identifier',
  '207': 'Application internal error',
};

function hl7Now(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '');
}

/**
 * Builds the ACK of a message (original acknowledgement mode): MSH with sender and receiver swapped, MSA with the
 * code, the control id of the message and a text, plus an ERR segment on error.
 */
export function buildAck(header: Partial<MessageHeader>, code: AckCode, text: string, errorCode?: string): string {
  const e = (value: string | undefined): string => escapeHl7(value ?? '');
  const controlId = `ACK${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();
  const segments = [
    ['MSH', '^~\\&', e(header.receivingApplication || 'PARCOURS'), e(header.receivingFacility || 'PARCOURS'), e(header.sendingApplication), e(header.sendingFacility), hl7Now(), '', `ACK^${e(header.triggerEvent)}^ACK`, controlId, e(header.processingId || 'P'), e(header.version || '2.5')].join('|'),
    ['MSA', code, e(header.controlId), e(text).slice(0, 1000)].join('|'),
  ];
  if (code !== 'AA') {
    // ERR-3 error code (HL7 table 0357), ERR-4 severity, ERR-8 user message
    const name = ERROR_NAMES[errorCode ?? '207'] ?? 'Application internal error';
    segments.push(['ERR', '', '', `${errorCode ?? '207'}^${name}^HL70357`, 'E', '', '', '', e(text).slice(0, 1000)].join('|'));
  }
  return segments.join('\r');
}
