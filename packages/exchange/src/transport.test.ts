import { connect } from 'node:net';
import { Hl7Client } from '@medplum/hl7';
import type { Socket } from 'node:net';
import type { Bundle, Communication, MedicationRequest, Resource, Task } from '@medplum/fhirtypes';
import { hasErrors, validate } from '@parcours/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyHash } from './apply.ts';
import { EXCHANGE_IDENTIFIER_SYSTEM, HL7_MESSAGE_IDENTIFIER_SYSTEM } from './constants.ts';
import { sampleA03 } from './hl7/samples.ts';
import type { InboxMessage } from './inbox.ts';
import { DISCHARGE_GP, IPP_SYSTEM, forClient, startBackend, startExchangeHttp, waitFor, tempDirs } from './testing.ts';
import type { Backend, ExchangeHttp } from './testing.ts';

const temp = tempDirs();
const tempDir = (): string => temp.make();

let backend: Backend;
let ex: ExchangeHttp;
let hospital: string;
let operator: string;
let reader: string;

beforeAll(async () => {
  backend = await startBackend({ dataDir: tempDir() });
  ex = await startExchangeHttp(backend, { dataDir: tempDir(), mllp: { port: 0 } });
  hospital = await backend.token('chu-roubaix');
  operator = await backend.token('exchange-operator');
  reader = await backend.token('parcours-exchange');
  for (const id of ['twin-a', 'twin-b']) {
    await backend.server().repository.updateResource({ resourceType: 'Patient', id, identifier: [{ system: IPP_SYSTEM, value: 'IPP-TWIN' }], name: [{ family: 'Double' }] });
  }
}, 60_000);

afterAll(async () => {
  await ex.close();
  await backend.close();
  temp.removeAll();
});

async function postHl7(text: string, contentType = 'x-application/hl7-v2+er7; charset=utf-8'): Promise<{ status: number; ack: string; id: string | null }> {
  const res = await fetch(`${ex.base}/exchange/hl7v2`, { method: 'POST', headers: { 'Content-Type': contentType, Authorization: `Bearer ${hospital}` }, body: text });
  return { status: res.status, ack: await res.text(), id: res.headers.get('x-exchange-message-id') };
}

function msa(ack: string): string[] {
  return (ack.split('\r').find((s) => s.startsWith('MSA')) ?? '').split('|');
}

async function settled(id: string): Promise<InboxMessage> {
  return waitFor(async () => {
    const res = await fetch(`${ex.base}/exchange/messages/${id}`, { headers: { Authorization: `Bearer ${operator}` } });
    const message = (await res.json()) as InboxMessage;
    return message.status !== 'pending' ? message : undefined;
  }, `message ${id}`);
}

async function search<T extends Resource>(path: string): Promise<T[]> {
  const res = await fetch(`${backend.fhirUrl}/${path}`, { headers: { Authorization: `Bearer ${reader}` } });
  return ((await res.json()) as Bundle<T>).entry?.map((e) => e.resource as T) ?? [];
}

function keyOf(controlId: string): string {
  return `${HL7_MESSAGE_IDENTIFIER_SYSTEM}|SIH-ROUBAIX^CHU-ROUBAIX^${controlId}`;
}

function tasksOf(controlId: string): Promise<Task[]> {
  return search<Task>(`Task?identifier=${encodeURIComponent(`${EXCHANGE_IDENTIFIER_SYSTEM}|${keyHash(keyOf(controlId))}/task`)}`);
}

describe('HL7 v2 over HTTP', () => {
  it('acknowledges an ADT^A03 with AA and applies the same FHIR content as a Bundle', async () => {
    const { status, ack, id } = await postHl7(sampleA03({ controlId: 'H-1', stay: 'SEJ-H-1' }));
    expect(status).toBe(200);
    expect(msa(ack).slice(0, 3)).toEqual(['MSA', 'AA', 'H-1']);
    const message = await settled(id ?? '');
    expect(message.status, message.lastError).toBe('applied');
    const [task] = await tasksOf('H-1');
    expect(task?.owner?.reference).toBe(DISCHARGE_GP);
    expect(task?.restriction?.period?.end).toBe('2024-04-14');
    expect(task?.basedOn?.[0]?.reference).toBe('CarePlan/CarePlanSortieExample');
    const meds = await search<MedicationRequest>(`MedicationRequest?encounter=${task?.encounter?.reference}`);
    expect(meds.map((m) => m.medicationCodeableConcept?.coding?.[0]?.code)).toEqual(['A11DA01']);
    const notes = await search<Communication>(`Communication?identifier=${encodeURIComponent(`${EXCHANGE_IDENTIFIER_SYSTEM}|${keyHash(keyOf('H-1'))}/communication`)}`);
    expect(notes).toHaveLength(1);
    for (const resource of [task, ...meds, ...notes] as Resource[]) expect(hasErrors(validate(resource)), resource.resourceType).toBe(false);
  });

  it('applies a message delivered twice once', async () => {
    const text = sampleA03({ controlId: 'H-2', stay: 'SEJ-H-2' });
    const first = await postHl7(text);
    const second = await postHl7(text);
    expect(msa(second.ack)[1]).toBe('AA');
    expect(msa(second.ack)[3]).toMatch(/déjà reçu/);
    expect(second.id).toBe(first.id);
    await settled(first.id ?? '');
    expect(await tasksOf('H-2')).toHaveLength(1);
  });

  it('answers AE/AR with a clear text, applies nothing and keeps broken messages as dead letters', async () => {
    const before = ex.exchange.counts();
    const missingPv1 = await postHl7(sampleA03({ controlId: 'H-3', segments: { PV1: undefined } }));
    expect(missingPv1.status).toBe(422);
    expect(msa(missingPv1.ack).slice(0, 3)).toEqual(['MSA', 'AE', 'H-3']);
    expect(msa(missingPv1.ack)[3]).toMatch(/PV1/);
    const msh = (missingPv1.ack.split('\r')[0] ?? '').split('|');
    expect([msh[4], msh[5], msh[8]]).toEqual(['SIH-ROUBAIX', 'CHU-ROUBAIX^590000456^FINESS', 'ACK^A03^ACK']);
    const badDate = await postHl7(sampleA03({ controlId: 'H-4', discharge: '20240431120000' }));
    expect(msa(badDate.ack)[1]).toBe('AE');
    const badEncoding = await postHl7(sampleA03({ controlId: 'H-5' }).replace('MSH|^~\\&|', 'MSH|^~^&|'));
    expect(badEncoding.status).toBe(400);
    expect(msa(badEncoding.ack).slice(0, 3)).toEqual(['MSA', 'AR', 'H-5']);
    const missingPid = await postHl7(sampleA03({ controlId: 'H-6', segments: { PID: undefined } }));
    expect(msa(missingPid.ack)[1]).toBe('AE');
    // A segment cut short used to crash the conversion ("internal error, resend later: Cannot read properties…").
    const cut = await postHl7(sampleA03({ controlId: 'H-6b', segments: { PID: 'PID|1' } }));
    expect(cut.status).toBe(422);
    expect(msa(cut.ack)[3]).toMatch(/Aucun identifiant exploitable/);
    expect(msa(cut.ack)[3]).not.toMatch(/Cannot read|undefined|resend later|renvoyer plus tard/);
    // Nothing is applied; each refusal is a dead letter the ACK names, with the raw text for the operator.
    expect(ex.exchange.counts()).toEqual({ ...before, dead: before.dead + 5 });
    const ref = /réf\. \/ ref ([0-9a-f-]{36})/.exec(msa(cut.ack)[3] ?? '')?.[1];
    const dead = (await (await fetch(`${ex.base}/exchange/messages/${ref}`, { headers: { Authorization: `Bearer ${operator}` } })).json()) as InboxMessage;
    expect(dead).toMatchObject({ status: 'dead', source: 'hl7v2', raw: sampleA03({ controlId: 'H-6b', segments: { PID: 'PID|1' } }) });
    expect(dead.lastError).toMatch(/Aucun identifiant/);
    const replay = await fetch(`${ex.base}/exchange/dead-letters/${ref}/replay`, { method: 'POST', headers: { Authorization: `Bearer ${operator}` } });
    expect(replay.status).toBe(409);
    // The corrected message with the same control id is accepted (the refusal did not take its key).
    const fixed = await postHl7(sampleA03({ controlId: 'H-6b', stay: 'SEJ-H-6b' }));
    expect(msa(fixed.ack)[1]).toBe('AA');
    await settled(fixed.id ?? '');
    const anonymous = await fetch(`${ex.base}/exchange/hl7v2`, { method: 'POST', body: sampleA03() });
    expect(anonymous.status).toBe(401);
  });

  it('parks unknown and ambiguous persons instead of guessing', async () => {
    const unknown = await postHl7(sampleA03({ controlId: 'H-7', ins: '', ipp: 'IPP-9999999', stay: 'SEJ-H-7' }));
    expect(msa(unknown.ack)[1]).toBe('AA');
    expect((await settled(unknown.id ?? '')).status).toBe('parked');
    const ambiguous = await postHl7(sampleA03({ controlId: 'H-8', ins: '', ipp: 'IPP-TWIN', stay: 'SEJ-H-8' }));
    const parked = await settled(ambiguous.id ?? '');
    expect(parked.status).toBe('parked');
    expect(parked.parkReason).toMatch(/ambig/);
    expect(await tasksOf('H-7')).toHaveLength(0);
    expect(await tasksOf('H-8')).toHaveLength(0);
  });

  it('reads ISO 8859-1 bodies (MSH-18) correctly', async () => {
    const text = sampleA03({ controlId: 'H-9', stay: 'SEJ-H-9' }).replace('UNICODE UTF-8', '8859/1');
    const res = await fetch(`${ex.base}/exchange/hl7v2`, {
      method: 'POST',
      headers: { 'Content-Type': 'x-application/hl7-v2+er7', Authorization: `Bearer ${hospital}` },
      body: Buffer.from(text, 'latin1'),
    });
    expect(res.status).toBe(200);
    const detail = (await (await fetch(`${ex.base}/exchange/messages/${res.headers.get('x-exchange-message-id')}`, { headers: { Authorization: `Bearer ${operator}` } })).json()) as { raw: string };
    expect(detail.raw).toContain('dépendance');
  });
});

/** A minimal MLLP client: sends frames, collects ACKs. */
function mllpClient(port: number): { socket: Socket; acks: string[]; send(text: string | Buffer): void; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  const acks: string[] = [];
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let end = buffer.indexOf(0x1c); end >= 0 && buffer[end + 1] === 0x0d; end = buffer.indexOf(0x1c)) {
      acks.push(buffer.subarray(buffer.indexOf(0x0b) + 1, end).toString('utf8'));
      buffer = buffer.subarray(end + 2);
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    socket,
    acks,
    closed,
    send: (text) => socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.isBuffer(text) ? text : Buffer.from(text), Buffer.from([0x1c, 0x0d])])),
  };
}

describe('MLLP', () => {
  it('frames, acknowledges in order (split and batched frames) and applies', async () => {
    const port = ex.exchange.mllpAddress?.port ?? 0;
    const client = mllpClient(port);
    // two frames in one write, then one frame split in three writes, and a broken one in between
    const a = sampleA03({ controlId: 'M-1', stay: 'SEJ-M-1' });
    const b = sampleA03({ controlId: 'M-2', stay: 'SEJ-M-2' });
    const frame = (text: string): Buffer => Buffer.concat([Buffer.from([0x0b]), Buffer.from(text), Buffer.from([0x1c, 0x0d])]);
    client.socket.write(Buffer.concat([frame(a), frame(sampleA03({ controlId: 'M-BAD', discharge: 'demain' }))]));
    const c = frame(b);
    client.socket.write(c.subarray(0, 10));
    client.socket.write(c.subarray(10, 200));
    client.socket.write(c.subarray(200));
    await waitFor(() => client.acks.length === 3, 'three ACKs');
    expect(client.acks.map((ack) => msa(ack).slice(1, 3))).toEqual([['AA', 'M-1'], ['AE', 'M-BAD'], ['AA', 'M-2']]);
    expect(msa(client.acks[1] ?? '')[3]).toMatch(/PV1-45/);
    await ex.exchange.drain(30_000);
    expect(await tasksOf('M-1')).toHaveLength(1);
    expect(await tasksOf('M-2')).toHaveLength(1);
    client.socket.end();
  });

  it('talks to @medplum/hl7 Hl7Client: AA for a discharge, AE with a sentence for a broken one', async () => {
    const client = new Hl7Client({ host: '127.0.0.1', port: ex.exchange.mllpAddress?.port ?? 0 });
    try {
      const ok = await client.sendAndWait(forClient(sampleA03({ controlId: 'M-C1', stay: 'SEJ-M-C1' })), { timeoutMs: 10_000 });
      expect(ok.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
      const bad = await client.sendAndWait(forClient(sampleA03({ controlId: 'M-C2', segments: { PV1: 'PV1|1|I', ZBE: undefined } })), { timeoutMs: 10_000 });
      expect(bad.getSegment('MSA')?.getField(1)?.toString()).toBe('AE');
      expect(bad.getSegment('MSA')?.getField(3)?.toString()).toMatch(/^Date de sortie manquante \(PV1-45\)/);
      await ex.exchange.drain(30_000);
      expect(await tasksOf('M-C1')).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('refuses connections from addresses outside the allow-list', async () => {
    const guarded = await startExchangeHttp(backend, { dataDir: tempDir(), mllp: { port: 0, allow: ['192.0.2.10'] } });
    try {
      const client = mllpClient(guarded.exchange.mllpAddress?.port ?? 0);
      client.send(sampleA03({ controlId: 'M-3' }));
      await client.closed;
      expect(client.acks).toEqual([]);
      expect(guarded.exchange.counts().pending).toBe(0);
    } finally {
      await guarded.close();
    }
  });
});
