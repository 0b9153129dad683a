// ER7 parsing with @medplum/core's Hl7Message (the parser @medplum/hl7 uses), plus the few checks the library does
// not make, each measured in er7.test.ts: it parses any MSH-2 (`^~^&` silently makes `^` the escape character), it
// never decodes escape sequences (`\F\` stays `\F\`), and `getField`/`getComponent` throw a TypeError or return
// undefined past the last field or repetition. Hence: MSH-1/2 checked before parsing, unescaping here, and safe
// accessors that return '' for what the sender left out. https://hl7-definition.caristix.com/v2/HL7v2.5/Segments/MSH
import { Hl7Message } from '@medplum/core';
import type { Hl7Context, Hl7Field, Hl7Segment } from '@medplum/core';

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

/** A rejected message: what to answer (AE or AR) and why, in French and English. Always permanent. */
export class Hl7Rejection extends Error {
  readonly ack: Exclude<AckCode, 'AA'>;
  readonly errorCode: string;
  /** The parsed message, when the rejection came after parsing (its ACK then uses the sender's encoding characters). */
  source?: Hl7Message;
  constructor(ack: Exclude<AckCode, 'AA'>, fr: string, en: string, errorCode = '207') {
    super(`${fr} / ${en}`);
    this.name = 'Hl7Rejection';
    this.ack = ack;
    this.errorCode = errorCode;
  }
}

/**
 * Drops MLLP framing bytes and blank lines around the message. The library splits segments on any run of CR/LF
 * (CR, LF, CRLF, blank lines inside), but keeps a trailing empty segment and does not strip framing bytes.
 */
export function normaliseEr7(text: string): string {
  return text.replaceAll('\u000b', '').replaceAll('\u001c', '').replace(/^[\r\n\s]+/, '').replace(/[\r\n]+$/, '');
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

/** Parses ER7 text (after the checks above). Throws Hl7Rejection only. */
export function parseEr7(text: string): Hl7Message {
  const normalised = normaliseEr7(text);
  checkEncodingCharacters(normalised);
  return Hl7Message.parse(normalised);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Unescapes HL7 escape sequences (\F\ \S\ \T\ \R\ \E\, \.br\, \Xhh…\) in a text value. */
export function unescapeHl7(value: string, context: Hl7Context): string {
  const esc = context.escapeCharacter;
  if (!esc || !value.includes(esc)) return value;
  const map: Record<string, string> = {
    F: context.fieldSeparator,
    S: context.componentSeparator,
    T: context.subcomponentSeparator,
    R: context.repetitionSeparator,
    E: esc,
    '.br': '\n',
  };
  const e = escapeRegExp(esc);
  const pattern = new RegExp(`${e}(F|S|T|R|E|\\.br|X[0-9A-Fa-f]{2,})${e}`, 'g');
  return value.replace(pattern, (_, code: string) =>
    code.startsWith('X') ? Buffer.from(code.slice(1), 'hex').toString('latin1') : (map[code] ?? ''),
  );
}

/** Escapes text for an ER7 field, with the separators of the message it answers (default `|^~\&`). */
export function escapeHl7(value: string, context?: Hl7Context): string {
  const esc = context?.escapeCharacter ?? '\\';
  const pairs: [string, string][] = [
    [esc, 'E'],
    [context?.fieldSeparator ?? '|', 'F'],
    [context?.componentSeparator ?? '^', 'S'],
    [context?.subcomponentSeparator ?? '&', 'T'],
    [context?.repetitionSeparator ?? '~', 'R'],
  ];
  let out = '';
  for (const ch of value.replace(/[\r\n]+/g, ' ')) {
    const pair = pairs.find(([char]) => char === ch);
    out += pair ? `${esc}${pair[1]}${esc}` : ch;
  }
  return out;
}

/** A field (1-based) of a segment; undefined when the segment or the field is absent (the library returns undefined typed as a field). */
export function fieldOf(segment: Hl7Segment | undefined, index: number): Hl7Field | undefined {
  return (segment?.getField(index) as Hl7Field | undefined) ?? undefined;
}

/** Number of repetitions of a field (0 when absent). */
export function repetitions(field: Hl7Field | undefined): number {
  return field?.components.length ?? 0;
}

/** A component (1-based) of a field repetition, unescaped and trimmed; '' when absent. */
export function comp(field: Hl7Field | undefined, component: number, repetition = 0): string {
  const value = field?.components[repetition]?.[component - 1] ?? '';
  return field ? unescapeHl7(value, field.context).trim() : '';
}

/** Sub-components of a component (1-based), unescaped; [] when absent. The library indexes sub-components from 0. */
export function subComponents(field: Hl7Field | undefined, component: number, repetition = 0): string[] {
  const value = field?.components[repetition]?.[component - 1];
  if (!field || value === undefined) return [];
  return value.split(field.context.subcomponentSeparator).map((s) => unescapeHl7(s, field.context).trim());
}

/** Component of a segment's field, in one call: `value(pid, 5, 1)` is PID-5.1. */
export function value(segment: Hl7Segment | undefined, fieldIndex: number, component = 1, repetition = 0): string {
  return comp(fieldOf(segment, fieldIndex), component, repetition);
}

export function readHeader(message: Hl7Message): MessageHeader {
  const msh = message.header;
  return {
    sendingApplication: value(msh, 3),
    sendingFacility: value(msh, 4),
    receivingApplication: value(msh, 5),
    receivingFacility: value(msh, 6),
    messageType: value(msh, 9, 1),
    triggerEvent: value(msh, 9, 2),
    controlId: value(msh, 10),
    processingId: value(msh, 11),
    version: value(msh, 12),
  };
}
