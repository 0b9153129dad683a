// Intake's answers: a message that will always fail is a permanent AE with a sentence and a reference (dead letter,
// logged without the JavaScript message); only an inbox that cannot be written asks the sender to resend.
import { describe, expect, it } from 'vitest';
import { sampleA03 } from './hl7/samples.ts';
import { Inbox } from './inbox.ts';
import { createIntake } from './intake.ts';
import type { OutcomeError } from '@parcours/outcomes';
import { ASSIGNERS, dischargeBundleExample } from './testing.ts';

function msa(ack: string): string[] {
  return (ack.split('\r').find((s) => s.startsWith('MSA')) ?? '').split('|');
}

describe('intake', () => {
  it('answers a bug met while converting as a permanent AE with a reference, keeps it as a dead letter, logs it without its message', () => {
    const inbox = new Inbox(':memory:');
    const logs: string[] = [];
    // An assigner table that throws stands for any bug in the conversion code.
    const broken = new Proxy({}, { get: () => { throw new TypeError('Cannot read properties of undefined (reading IPP-4471203)'); } });
    const intake = createIntake(inbox, { assigners: broken, onAccepted: () => undefined, log: (line) => logs.push(line) });
    const answer = intake.acceptHl7(sampleA03({ controlId: 'BUG-1', ins: '' }), 'mllp', 'mllp:127.0.0.1');
    expect(answer).toMatchObject({ code: 'AE', httpStatus: 422 });
    const [, code, controlId, text] = msa(answer.ack);
    expect([code, controlId]).toEqual(['AE', 'BUG-1']);
    expect(text).toMatch(/erreur du récepteur \(réf\. [0-9a-f-]{36}\)/);
    expect(text).not.toMatch(/Cannot read|TypeError|renvoyer plus tard|resend later/);
    const ref = /réf\. ([0-9a-f-]{36})/.exec(text ?? '')?.[1] ?? '';
    expect(inbox.get(ref)).toMatchObject({ status: 'dead', source: 'mllp', raw: sampleA03({ controlId: 'BUG-1', ins: '' }), bundle: '' });
    expect(inbox.counts()).toMatchObject({ pending: 0, dead: 1 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`ref=${ref}`);
    expect(logs[0]).toContain('TypeError');
    expect(logs[0]).not.toContain('IPP-4471203');
    inbox.close();
  });

  it('answers a refused message with the sender’s own encoding characters and header', () => {
    const inbox = new Inbox(':memory:');
    const intake = createIntake(inbox, { assigners: ASSIGNERS, onAccepted: () => undefined });
    const odd = sampleA03({ controlId: 'ODD-1', segments: { PV1: undefined } }).replace(/\^/g, '*');
    const answer = intake.acceptHl7(odd, 'hl7v2', 'chu-roubaix');
    const [msh, msaSegment] = answer.ack.split('\r');
    expect(msh?.split('|').slice(0, 6)).toEqual(['MSH', '*~\\&', 'PARCOURS', 'PARCOURS', 'SIH-ROUBAIX', 'CHU-ROUBAIX*590000456*FINESS']);
    expect(msh?.split('|')[8]).toBe('ACK*A03*ACK');
    expect(msaSegment).toMatch(/^MSA\|AE\|ODD-1\|Segment PV1 manquant/);
    inbox.close();
  });

  it('asks to resend later (AR, HTTP 503) only when the inbox cannot be written', () => {
    const inbox = new Inbox(':memory:');
    const logs: string[] = [];
    const intake = createIntake(inbox, { assigners: ASSIGNERS, onAccepted: () => undefined, log: (line) => logs.push(line) });
    inbox.close();
    const answer = intake.acceptHl7(sampleA03({ controlId: 'DOWN-1' }), 'hl7v2', 'chu-roubaix');
    expect(answer).toMatchObject({ code: 'AR', httpStatus: 503 });
    expect(msa(answer.ack).slice(1, 4)).toEqual(['AR', 'DOWN-1', 'Boîte de réception indisponible, renvoyer plus tard / inbox unavailable, resend later']);
    expect(logs.join('\n')).toMatch(/not stored, sender asked to resend/);
    let status = 0;
    try {
      intake.acceptBundle(dischargeBundleExample(), 'chu-roubaix');
    } catch (error) {
      status = (error as OutcomeError).status;
    }
    expect(status).toBe(503);
  });
});
