// The MLLP framer and listener, and the measurements of @medplum/hl7's Hl7Server that made us keep them (README).
// Senders here are @medplum/hl7's Hl7Client where it can express the case, raw sockets where it cannot.
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Client, Hl7Server } from '@medplum/hl7';
import type { Hl7ErrorEvent, Hl7MessageEvent } from '@medplum/hl7';
import { afterEach, describe, expect, it } from 'vitest';
import { MllpFramer, startMllp } from './mllp.ts';
import type { MllpServer } from './mllp.ts';
import { forClient, waitFor } from './testing.ts';

const message = (id: string): string => `MSH|^~\\&|SIH|CHU|PARCOURS|PARCOURS|20240407110500||ADT^A03^ADT_A03|${id}|P|2.5\rPID|1||X^^^NS&1.2.3&ISO^PI`;
const frame = (text: string | Buffer): Buffer => Buffer.concat([Buffer.from([0x0b]), Buffer.isBuffer(text) ? text : Buffer.from(text), Buffer.from([0x1c, 0x0d])]);
const frames = (events: ReturnType<MllpFramer['push']>): string[] => events.map((e) => (e.kind === 'frame' ? e.bytes.toString() : `oversized:${e.head.length}`));

describe('MllpFramer', () => {
  it('several messages in one chunk, bytes between frames ignored', () => {
    const framer = new MllpFramer();
    expect(frames(framer.push(Buffer.concat([Buffer.from('noise'), frame('A'), Buffer.from('\n'), frame('B\u001cC'), frame('')])))).toEqual(['A', 'B\u001cC', '']);
  });

  it('one message split over chunks, byte by byte, with FS and CR in different chunks', () => {
    const framer = new MllpFramer();
    const bytes = Buffer.concat([frame(message('S-1')), frame(message('S-2'))]);
    const out: string[] = [];
    for (const byte of bytes) out.push(...frames(framer.push(Buffer.from([byte]))));
    expect(out).toEqual([message('S-1'), message('S-2')]);
    const split = new MllpFramer();
    expect(frames(split.push(Buffer.from([0x0b, 0x41, 0x1c])))).toEqual([]);
    expect(frames(split.push(Buffer.from([0x42, 0x1c])))).toEqual([]); // FS not followed by CR is content
    expect(frames(split.push(Buffer.from([0x0d])))).toEqual(['A\u001cB']);
  });

  it('an oversized frame is reported once, with its head', () => {
    const framer = new MllpFramer(1000);
    const events = [...framer.push(Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(600, 0x41)])), ...framer.push(Buffer.alloc(600, 0x41))];
    expect(frames(events)).toEqual(['oversized:512']);
  });
});

function rawClient(port: number): { socket: Socket; acks: string[]; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  const acks: string[] = [];
  const framer = new MllpFramer();
  socket.on('data', (chunk: Buffer) => {
    for (const e of framer.push(chunk)) if (e.kind === 'frame') acks.push(e.bytes.toString());
  });
  socket.on('error', () => undefined);
  return { socket, acks, closed: new Promise((resolve) => socket.on('close', () => resolve())) };
}

describe('startMllp', () => {
  let server: MllpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers a handler failure with AR and a reference, logs it, keeps the connection', async () => {
    const logs: string[] = [];
    server = await startMllp({ port: 0, log: (line) => logs.push(line) }, async (text) => {
      if (text.includes('|BOOM|')) throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return `MSH|^~\\&|PARCOURS|PARCOURS|SIH|CHU|20240407||ACK^A03^ACK|1|P|2.5\rMSA|AA|${Hl7Message.parse(text).header.getField(10)?.toString() ?? ''}`;
    });
    const client = new Hl7Client({ host: '127.0.0.1', port: server.address.port });
    try {
      const failed = await client.sendAndWait(forClient(message('BOOM')), { timeoutMs: 5_000 });
      expect(failed.getSegment('MSA')?.getField(1)?.toString()).toBe('AR');
      const text = failed.getSegment('MSA')?.getField(3)?.toString() ?? '';
      const ref = /réf\. ([0-9a-f-]{36})/.exec(text)?.[1];
      expect(ref).toBeDefined();
      expect(text).not.toMatch(/Cannot read/);
      expect(logs.some((line) => line.includes(`ref=${ref}`) && line.includes('TypeError') && !line.includes('Cannot read'))).toBe(true);
      const ok = await client.sendAndWait(forClient(message('AFTER')), { timeoutMs: 5_000 });
      expect(ok.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
    } finally {
      await client.close();
    }
  });

  it('refuses an oversized frame with AR naming its control id, then closes', async () => {
    const logs: string[] = [];
    server = await startMllp({ port: 0, maxFrameBytes: 4096, log: (line) => logs.push(line) }, () => Promise.resolve('never'));
    const client = rawClient(server.address.port);
    client.socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(message('BIG')), Buffer.alloc(8192, 0x41)]));
    await client.closed;
    expect(client.acks).toHaveLength(1);
    expect(client.acks[0]?.split('\r')[1]).toMatch(/^MSA\|AR\|BIG\|Message trop volumineux/);
    expect(logs.join('\n')).toMatch(/over 4096 bytes refused/);
  });
});

describe('@medplum/hl7 Hl7Server, measured', () => {
  it('does not settle start() while its port is taken (ours rejects with EADDRINUSE)', async () => {
    const taken = await startMllp({ port: 0 }, () => Promise.resolve(''));
    const library = new Hl7Server(() => undefined);
    let settled = false;
    const starting = library.start(taken.address.port).then(() => {
      settled = true;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await expect(startMllp({ port: taken.address.port, host: '::' }, () => Promise.resolve(''))).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await taken.close();
      await starting; // the port is free: the library's retry loop now gets it
      await library.stop({ forceDrainTimeoutMs: 0 });
    }
  });

  it('listens on every interface and loses every message of a TCP chunk holding a frame it cannot parse', async () => {
    const received: string[] = [];
    const errors: string[] = [];
    const library = new Hl7Server((connection) => {
      connection.addEventListener('message', (event: Hl7MessageEvent) => {
        received.push(event.message.header.getField(10)?.toString() ?? '');
        connection.send(event.message.buildAck());
      });
      connection.addEventListener('error', (event: Hl7ErrorEvent) => errors.push(event.error.message));
    });
    await library.start(0);
    try {
      const address = library.server?.address() as AddressInfo;
      expect(['::', '0.0.0.0']).toContain(address.address); // no host parameter: not loopback only
      const client = rawClient(address.port);
      client.socket.write(Buffer.concat([frame(message('L-1')), frame('GARBAGE'), frame(message('L-2'))]));
      await waitFor(() => errors.length > 0, 'the library error event');
      client.socket.write(frame(message('L-3')));
      await waitFor(() => client.acks.length >= 1, 'one ACK');
      expect(received).toEqual(['L-3']); // L-1 and L-2 are gone, no ACK for them, no NAK for GARBAGE
      client.socket.destroy();
    } finally {
      await library.stop({ forceDrainTimeoutMs: 0 });
    }
  });
});
