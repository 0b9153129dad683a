// Benchmark: MLLP framing cost of one large message arriving in many TCP chunks, @medplum/hl7's Hl7Connection
// (fed through a stand-in socket) against src/mllp.ts's MllpFramer, same run. The message is a real ADT^A03 padded
// with OBX segments to BENCH_MB megabytes, cut into 64 KiB chunks (a typical TCP read).
//   node packages/exchange/bench/mllp.ts          (BENCH_MB=1,4,16 by default)
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { Hl7Connection } from '@medplum/hl7';
import type { Hl7MessageEvent } from '@medplum/hl7';
import { sampleA03 } from '../src/hl7/samples.ts';
import { MllpFramer } from '../src/mllp.ts';

const sizes = (process.env.BENCH_MB ?? '1,4,16').split(',').map(Number);
const CHUNK = 64 * 1024;

function message(mb: number): Buffer {
  const obx = `OBX|2|TX|NOTE^Note||${'x'.repeat(1000)}||||||F`;
  const count = Math.ceil((mb * 1024 * 1024) / (obx.length + 1));
  return Buffer.concat([Buffer.from([0x0b]), Buffer.from([sampleA03(), ...Array(count).fill(obx)].join('\r')), Buffer.from([0x1c, 0x0d])]);
}

function chunks(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) out.push(bytes.subarray(i, i + CHUNK));
  return out;
}

function library(parts: Buffer[]): number {
  const socket = new EventEmitter() as unknown as Socket;
  const connection = new Hl7Connection(socket);
  let got = 0;
  connection.addEventListener('message', (_event: Hl7MessageEvent) => {
    got++;
  });
  const t0 = performance.now();
  for (const part of parts) socket.emit('data', part);
  const ms = performance.now() - t0;
  if (got !== 1) throw new Error(`Hl7Connection delivered ${got} messages`);
  return ms;
}

function ours(parts: Buffer[]): number {
  const framer = new MllpFramer(64 * 1024 * 1024);
  let got = 0;
  const t0 = performance.now();
  for (const part of parts) got += framer.push(part).filter((e) => e.kind === 'frame').length;
  const ms = performance.now() - t0;
  if (got !== 1) throw new Error(`MllpFramer delivered ${got} frames`);
  return ms;
}

console.log(`MLLP framing bench: one message in ${CHUNK / 1024} KiB chunks, framing only (the library also parses the message)`);
console.log('| message | chunks | @medplum/hl7 Hl7Connection | MllpFramer |');
console.log('|---:|---:|---:|---:|');
for (const mb of sizes) {
  const parts = chunks(message(mb));
  library(chunks(message(0.1)));
  ours(chunks(message(0.1)));
  console.log(`| ${mb} MB | ${parts.length} | ${library(parts).toFixed(0)} ms | ${ours(parts).toFixed(1)} ms |`);
}
