// Acknowledgements (original mode) built with @medplum/core's Hl7Message.buildAck: MSH with sender and receiver
// swapped, the sender's own encoding characters, MSA-1/MSA-2. What the library gets wrong for us is overwritten,
// each measured in er7.test.ts: MSA-3 is a fixed English word ("Application Error"), MSH-9 is written with `^`
// whatever the sender's component separator, MSH-11 is always `P` (a test message `T` must be answered `T`), MSH-7
// carries unpadded milliseconds (5 ms is written `.5`, which HL7 reads as half a second) and MSH-10 is the clock in
// ms (two ACKs in the same millisecond share it). https://hl7-definition.caristix.com/v2/HL7v2.5/Segments/MSA
import { randomBytes } from 'node:crypto';
import { Hl7Message, Hl7Segment } from '@medplum/core';
import { escapeHl7, fieldOf } from './er7.ts';
import type { AckCode, MessageHeader } from './er7.ts';

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

const MAX_TEXT = 1000;

function hl7Now(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '');
}

/** Unique ACK control id (MSH-10, ST up to 20 characters in v2.5). */
function ackControlId(): string {
  return `ACK${Date.now().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 20);
}

/**
 * A stand-in MSH for a message that could not be parsed, from what could be read of its first line, so the ACK still
 * names its control id and event.
 */
function stubMessage(header: Partial<MessageHeader>): Hl7Message {
  const e = (text: string | undefined): string => escapeHl7(text ?? '');
  const msh = new Hl7Segment([
    'MSH', '^~\\&', e(header.sendingApplication), e(header.sendingFacility), e(header.receivingApplication),
    e(header.receivingFacility), '', '', header.triggerEvent ? `${header.messageType || 'ADT'}^${e(header.triggerEvent)}^${e(header.messageType || 'ADT')}_${e(header.triggerEvent)}` : e(header.messageType),
    e(header.controlId), e(header.processingId || 'P'), e(header.version || '2.5'),
  ]);
  return new Hl7Message([msh]);
}

/**
 * The ACK of a message: `source` is the parsed message, or undefined when it could not be parsed (then `header` is
 * what could be read of it). An error ACK gets an ERR segment: ERR-3 error code (HL7 table 0357), ERR-4 severity,
 * ERR-8 the user message.
 */
export function buildAck(source: Hl7Message | undefined, header: Partial<MessageHeader>, code: AckCode, text: string, errorCode?: string): string {
  const message = source ?? stubMessage(header);
  const context = message.context;
  const safeText = escapeHl7(text, context).slice(0, MAX_TEXT);
  const errSegment =
    code === 'AA'
      ? undefined
      : new Hl7Segment(['ERR', '', '', '', 'E', '', '', '', safeText], context);
  errSegment?.setField(3, `${errorCode ?? '207'}${context.componentSeparator}${ERROR_NAMES[errorCode ?? '207'] ?? 'Application internal error'}${context.componentSeparator}HL70357`);
  const ack = message.buildAck({ ackCode: code, ...(errSegment ? { errSegment } : {}) });
  const msh = ack.header;
  // A sender that left MSH-5/6 empty still learns who answered.
  for (const index of [3, 4]) if (!msh.getField(index)?.toString()) msh.setField(index, 'PARCOURS');
  // The library writes MSH-9 with a literal `^`, whatever the sender's component separator.
  const trigger = escapeHl7(header.triggerEvent ?? '', context);
  const cs = context.componentSeparator;
  const structure = source ? fieldOf(source.header, 9)?.components[0]?.[2] : header.triggerEvent;
  msh.setField(9, trigger ? `ACK${cs}${trigger}${structure ? `${cs}ACK` : ''}` : 'ACK');
  msh.setField(7, hl7Now());
  msh.setField(10, ackControlId());
  msh.setField(11, escapeHl7(header.processingId || 'P', context));
  if (!msh.getField(12)?.toString()) msh.setField(12, '2.5');
  ack.getSegment('MSA')?.setField(3, safeText);
  return ack.toString();
}

/** Best-effort header of an unparseable message, so the ACK still names its control id and event. */
export function headerGuess(text: string): Partial<MessageHeader> {
  const msh = text.replaceAll('\u000b', '').replaceAll('\u001c', '').trimStart().split(/\r|\n/)[0] ?? '';
  if (!msh.startsWith('MSH') || msh.length < 5) return {};
  const fields = msh.split(msh.charAt(3));
  const componentSeparator = msh.charAt(4);
  const first = (i: number, component = 0): string => (fields[i] ?? '').split(componentSeparator)[component] ?? '';
  return {
    sendingApplication: first(2),
    sendingFacility: first(3),
    receivingApplication: first(4),
    receivingFacility: first(5),
    messageType: first(8, 0),
    triggerEvent: first(8, 1),
    controlId: first(9),
    processingId: first(10) || 'P',
    version: first(11) || '2.5',
  };
}
