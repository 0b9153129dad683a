// MLLP listener (HL7 v2 over TCP: 0x0B message 0x1C 0x0D), on loopback or for an allow-list of addresses.
// Messages on one connection are handled in order; each gets its ACK once it is stored (or refused).
// https://www.hl7.org/implement/standards/product_brief.cfm?product_id=55 (MLLP, HL7 v2 transport)
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
const MAX_FRAME = 16 * 1024 * 1024;

export interface MllpOptions {
  port: number;
  host?: string;
  /** Remote addresses allowed to connect; default loopback only. */
  allow?: string[];
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

function normaliseAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}

export async function startMllp(options: MllpOptions, handle: (text: string, remote: string) => Promise<string>): Promise<MllpServer> {
  const allow = new Set((options.allow ?? ['127.0.0.1', '::1']).map(normaliseAddress));
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const remote = normaliseAddress(socket.remoteAddress);
    if (!allow.has(remote)) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const start = buffer.indexOf(VT);
        if (start < 0) {
          buffer = Buffer.alloc(0);
          break;
        }
        let end = -1;
        for (let i = buffer.indexOf(FS, start); i >= 0; i = buffer.indexOf(FS, i + 1)) {
          if (buffer[i + 1] === CR) {
            end = i;
            break;
          }
          if (i + 1 >= buffer.length) break;
        }
        if (end < 0) {
          if (buffer.length - start > MAX_FRAME) socket.destroy();
          else buffer = buffer.subarray(start);
          break;
        }
        const frame = buffer.subarray(start + 1, end);
        buffer = buffer.subarray(end + 2);
        const text = decodeEr7(frame);
        chain = chain.then(async () => {
          const ack = await handle(text, remote);
          if (!socket.destroyed) socket.write(Buffer.concat([Buffer.from([VT]), encodeLike(ack, text), Buffer.from([FS, CR])]));
        }).catch(() => {
          socket.destroy();
        });
      }
    });
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
