// MLLP listener (HL7 v2 over TCP: 0x0B message 0x1C 0x0D), on loopback or for an allow-list of addresses. Messages on
// one connection are handled in order; each gets its ACK once it is stored (or refused); a handler failure is
// answered (AR with a reference) and logged, never a silent close.
// Hand-written rather than @medplum/hl7's Hl7Server/Hl7Connection, which measured wrong here (mllp.test.ts, README):
// it listens on every interface (no host), never settles `start()` when the port is taken, drops the next message of
// the same TCP chunk after a frame it cannot parse (no ACK for either), has no frame size limit, and decodes every
// message with one server-wide charset instead of each message's MSH-18. The tests send with its Hl7Client.
// https://www.hl7.org/implement/standards/product_brief.cfm?product_id=55 (MLLP, HL7 v2 transport)
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { correlationId, describeForLog } from './failures.ts';
import { buildAck, headerGuess } from './hl7/ack.ts';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
const MAX_FRAME = 16 * 1024 * 1024;

export interface MllpOptions {
  port: number;
  host?: string;
  /** Remote addresses allowed to connect; default loopback only. */
  allow?: string[];
  /** Largest message (bytes, default 16 MiB): a longer frame is refused (AR) and the connection closed. */
  maxFrameBytes?: number;
  log?: (line: string) => void;
}

export interface MllpServer {
  address: { host: string; port: number };
  close(): Promise<void>;
}

/** Reads the charset of an ER7 message from MSH-18 (8859/1 → latin1, else UTF-8). */
export function decodeEr7(bytes: Buffer, charsetHint?: string): string {
  if (charsetHint && /8859|latin/i.test(charsetHint)) return bytes.toString('latin1');
  if (charsetHint && /utf-?8/i.test(charsetHint)) return bytes.toString('utf8');
  const head = bytes.subarray(0, 512).toString('latin1');
  const msh = head.split(/\r|\n/)[0] ?? '';
  const fields = msh.length > 3 ? msh.split(msh.charAt(3)) : [];
  return /8859/.test(fields[17] ?? '') ? bytes.toString('latin1') : bytes.toString('utf8');
}

export function encodeLike(text: string, request: string): Buffer {
  const msh = request.split(/\r|\n/)[0] ?? '';
  const fields = msh.length > 3 ? msh.split(msh.charAt(3)) : [];
  return Buffer.from(text, /8859/.test(fields[17] ?? '') ? 'latin1' : 'utf8');
}

export type FramerEvent = { kind: 'frame'; bytes: Buffer } | { kind: 'oversized'; head: Buffer };

/**
 * Splits a TCP byte stream into MLLP frames. Each byte is looked at once (a frame split over many chunks is joined
 * once, at its end); bytes between frames are ignored.
 */
export class MllpFramer {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private pendingFs = false;
  private readonly max: number;

  constructor(maxFrameBytes = MAX_FRAME) {
    this.max = maxFrameBytes;
  }

  push(chunk: Buffer): FramerEvent[] {
    const events: FramerEvent[] = [];
    let pos = 0;
    if (this.inFrame && this.pendingFs && chunk[0] === CR) {
      // The previous chunk ended with FS: this CR closes the frame.
      events.push({ kind: 'frame', bytes: this.take().subarray(0, -1) });
      pos = 1;
    }
    this.pendingFs = false;
    while (pos < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(VT, pos);
        if (start < 0) break;
        this.inFrame = true;
        pos = start + 1;
        continue;
      }
      let end = chunk.indexOf(FS, pos);
      while (end >= 0 && end + 1 < chunk.length && chunk[end + 1] !== CR) end = chunk.indexOf(FS, end + 1);
      if (end >= 0 && end + 1 < chunk.length) {
        this.parts.push(chunk.subarray(pos, end));
        events.push({ kind: 'frame', bytes: this.take() });
        pos = end + 2;
        continue;
      }
      this.parts.push(chunk.subarray(pos));
      this.size += chunk.length - pos;
      this.pendingFs = chunk[chunk.length - 1] === FS;
      if (this.size > this.max) {
        events.push({ kind: 'oversized', head: this.take().subarray(0, 512) });
        this.pendingFs = false;
      }
      break;
    }
    return events;
  }

  private take(): Buffer {
    const bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    this.inFrame = false;
    return bytes;
  }
}

function normaliseAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}

function frameOf(ack: string, request: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), encodeLike(ack, request), Buffer.from([FS, CR])]);
}

function serveConnection(socket: Socket, remote: string, options: MllpOptions, handle: (text: string, remote: string) => Promise<string>): void {
  const log = options.log ?? ((): void => undefined);
  const framer = new MllpFramer(options.maxFrameBytes ?? MAX_FRAME);
  let chain = Promise.resolve();
  let refused = false;
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    if (refused) return;
    for (const event of framer.push(chunk)) {
      if (event.kind === 'oversized') {
        refused = true;
        const text = event.head.toString('latin1');
        const ref = correlationId();
        log(`[exchange] MLLP frame over ${options.maxFrameBytes ?? MAX_FRAME} bytes refused ref=${ref}; connection closed`);
        const nak = buildAck(undefined, headerGuess(text), 'AR', `Message trop volumineux, refusé (réf. ${ref}) / message too large, refused (ref ${ref})`, '207');
        chain = chain.then(() => {
          if (!socket.destroyed) socket.end(frameOf(nak, text));
        });
        return;
      }
      const text = decodeEr7(event.bytes);
      chain = chain.then(async () => {
        let ack: string;
        try {
          ack = await handle(text, remote);
        } catch (error) {
          const ref = correlationId();
          log(`[exchange] MLLP handler failed ref=${ref}: ${describeForLog(error)}`);
          ack = buildAck(undefined, headerGuess(text), 'AR',
            `Message non enregistré à cause d'une erreur du récepteur (réf. ${ref}) / not stored because of a receiver error (ref ${ref})`, '207');
        }
        if (!socket.destroyed) socket.write(frameOf(ack, text));
      });
    }
  });
}

export async function startMllp(options: MllpOptions, handle: (text: string, remote: string) => Promise<string>): Promise<MllpServer> {
  const allow = new Set((options.allow ?? ['127.0.0.1', '::1']).map(normaliseAddress));
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const remote = normaliseAddress(socket.remoteAddress);
    if (!allow.has(remote)) {
      options.log?.('[exchange] MLLP connection refused: address not in the allow-list');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, remote, options, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    address: { host: address.address, port: address.port },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
