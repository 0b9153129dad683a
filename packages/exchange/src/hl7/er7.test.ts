// What @medplum/core's Hl7Message (the parser of @medplum/hl7) does with ER7, measured, and what er7.ts/ack.ts add.
// The "library" expectations document the gaps the hand-written code covers: if one starts failing after an
// upgrade, the library was fixed and the matching workaround can go.
import { Hl7Message, formatHl7DateTime } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { buildAck } from './ack.ts';
import { Hl7Rejection, comp, fieldOf, parseEr7, readHeader, repetitions, subComponents, value } from './er7.ts';

const MSH = 'MSH|^~\\&|SIH|CHU^590000456^FINESS|PARCOURS|PARCOURS|20240407110500||ADT^A03^ADT_A03|C-1|T|2.5';
const PID = 'PID|1||A1^^^NS&1.2.3&ISO^PI~B2^^^INS-NIR&1.2.250.1.213.1.4.8&ISO^INS||DOE\\S\\X\\F\\Y\\T\\Z\\R\\W\\E\\V^JEAN\\.br\\LUC\\X41\\';

function rejects(text: string): Hl7Rejection {
  try {
    parseEr7(text);
  } catch (error) {
    if (error instanceof Hl7Rejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('ER7 parsing (library measured, then ours)', () => {
  it('escape sequences: the library leaves them raw; comp() decodes them', () => {
    const message = parseEr7(`${MSH}\r${PID}`);
    const names = fieldOf(message.getSegment('PID'), 5);
    expect(names?.getComponent(1)).toBe('DOE\\S\\X\\F\\Y\\T\\Z\\R\\W\\E\\V');
    expect(comp(names, 1)).toBe('DOE^X|Y&Z~W\\V');
    expect(comp(names, 2)).toBe('JEAN\nLUCA');
  });

  it('repetitions, components and sub-components (the library counts sub-components from 0, components from 1)', () => {
    const message = parseEr7(`${MSH}\r${PID}`);
    const ids = fieldOf(message.getSegment('PID'), 3);
    expect(repetitions(ids)).toBe(2);
    expect(ids?.getComponent(4, 1, 1)).toBe('1.2.250.1.213.1.4.8');
    expect(subComponents(ids, 4, 1)).toEqual(['INS-NIR', '1.2.250.1.213.1.4.8', 'ISO']);
    expect(comp(ids, 5, 1)).toBe('INS');
    expect(subComponents(ids, 4, 7)).toEqual([]);
  });

  it('past the last field or repetition: the library returns undefined or throws a TypeError; ours return empty', () => {
    const message = Hl7Message.parse(`${MSH}\rPV1|1`);
    const pv1 = message.getSegment('PV1');
    expect(pv1?.getField(45)).toBeUndefined();
    expect(() => pv1?.getField(1).getComponent(1, undefined, 3)).toThrow(TypeError);
    expect(value(pv1, 45)).toBe('');
    expect(comp(pv1?.getField(1), 1, 3)).toBe('');
  });

  it('MSH-1/MSH-2: the library parses any encoding characters; parseEr7 refuses what is not four distinct ones', () => {
    const duplicate = Hl7Message.parse(`${MSH.replace('^~\\&', '^~^&')}\rPID|1`);
    expect(duplicate.context.escapeCharacter).toBe('^'); // the component separator doubles as escape character
    expect(rejects(`${MSH.replace('^~\\&', '^~^&')}\rPID|1`)).toMatchObject({ ack: 'AR', errorCode: '102' });
    expect(rejects(MSH.replace('MSH|^~\\&|', 'MSH|ab|')).ack).toBe('AR');
    expect(rejects(MSH.replace('MSH|', 'MSHA')).message).toMatch(/MSH-1/);
    expect(rejects('PID|1').message).toMatch(/MSH/);
    const odd = parseEr7(`${MSH.replaceAll('^', '*')}\rPID|1||A1***NS&1.2.3&ISO*PI`);
    expect(readHeader(odd).triggerEvent).toBe('A03');
    expect(subComponents(fieldOf(odd.getSegment('PID'), 3), 4)[1]).toBe('1.2.3');
  });

  it('CR, LF, CRLF, blank lines and MLLP framing bytes give the same segments', () => {
    const names = (text: string): string[] => parseEr7(text).segments.map((s) => s.name);
    const body = [MSH, PID, 'PV1|1'];
    // The library alone keeps a trailing empty segment and refuses a leading framing byte.
    expect(Hl7Message.parse(`${body.join('\r')}\r`).segments.map((s) => s.name)).toEqual(['MSH', 'PID', 'PV1', '']);
    expect(() => Hl7Message.parse(`\u000b${body.join('\r')}`)).toThrow();
    for (const separator of ['\r', '\n', '\r\n', '\n\r', '\r\r\n']) {
      expect(names(`\u000b${body.join(separator)}${separator}\u001c`), JSON.stringify(separator)).toEqual(['MSH', 'PID', 'PV1']);
    }
  });
});

describe('ACKs (library buildAck, with what it gets wrong overwritten)', () => {
  const message = parseEr7(`${MSH}\r${PID}`);

  it('the library: fixed English MSA-3, MSH-11 always P, MSH-9 with ^ in any encoding, unpadded milliseconds', () => {
    expect(formatHl7DateTime(new Date('2024-04-07T11:05:00.005Z'))).toBe('20240407110500.5');
    expect(parseEr7(MSH.replaceAll('^', '*')).buildAck().header.getField(9)?.toString()).toBe('ACK^A03^ACK');
    const raw = message.buildAck({ ackCode: 'AE' });
    expect(raw.getSegment('MSA')?.toString()).toBe('MSA|AE|C-1|Application Error');
    expect(raw.header.getField(11)?.toString()).toBe('P');
    raw.getSegment('MSA')?.setField(3, 'a | b');
    expect(raw.getSegment('MSA')?.toString()).toBe('MSA|AE|C-1|a | b'); // not escaped: the ACK is now corrupt
  });

  it('ours: our escaped text, the processing id echoed, unique control ids, seconds in MSH-7', () => {
    const header = readHeader(message);
    const a = buildAck(message, header, 'AE', 'Date | invalide ^ 1', '102').split('\r');
    const b = buildAck(message, header, 'AE', 'x').split('\r');
    const msh = (a[0] ?? '').split('|');
    expect(msh.slice(2, 6)).toEqual(['PARCOURS', 'PARCOURS', 'SIH', 'CHU^590000456^FINESS']);
    expect(msh[6]).toMatch(/^\d{14}$/);
    expect(msh[8]).toBe('ACK^A03^ACK');
    expect(msh[10]).toBe('T');
    expect(msh[9]).not.toBe((b[0] ?? '').split('|')[9]);
    expect(a[1]).toBe('MSA|AE|C-1|Date \\F\\ invalide \\S\\ 1');
    expect(a[2]).toBe('ERR|||102^Data type error^HL70357|E||||Date \\F\\ invalide \\S\\ 1');
    expect(buildAck(message, header, 'AA', 'ok').split('\r')).toHaveLength(2);
  });

  it('answers with the sender’s own encoding characters', () => {
    const odd = parseEr7(MSH.replaceAll('^', '*'));
    const ack = buildAck(odd, readHeader(odd), 'AR', 'a*b');
    expect(ack.startsWith('MSH|*~\\&|')).toBe(true);
    expect(ack.split('|')[8]).toBe('ACK*A03*ACK');
    expect(ack.split('\r')[1]).toBe('MSA|AR|C-1|a\\S\\b');
  });
});
