// A guard for tests that use the fake: while installed, any TCP/TLS connection
// to a host other than loopback throws before DNS or a packet leaves the
// machine. A Client built without `rest: { api: fake.restUrl }` would otherwise
// try discord.com; with the guard it fails at once and says why.

import { Socket } from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;

export interface LoopbackGuard {
  /** Hosts that something tried to reach and was refused. */
  readonly refused: string[];
  uninstall(): void;
}

/** Patches `net.Socket#connect` (which http, ws, undici and tls all end in) to refuse non-loopback hosts. */
export function allowLoopbackOnly(): LoopbackGuard {
  const original = Socket.prototype.connect;
  const refused: string[] = [];
  const guarded = function (this: Socket, ...args: unknown[]): Socket {
    // net.connect() passes one pre-normalised [options, callback] array; direct callers pass (options | port, host?).
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    let host: string | undefined;
    if (typeof first === 'object' && first !== null && !('path' in first && typeof first.path === 'string')) {
      host = 'host' in first && typeof first.host === 'string' ? first.host : 'localhost';
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      host = typeof args[1] === 'string' ? args[1] : 'localhost';
    }
    if (host !== undefined && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
      refused.push(host);
      throw new Error(`loopback-only guard: refused a connection to ${host}; tests talk to the fake Discord on 127.0.0.1 only`);
    }
    return (original as (...a: unknown[]) => Socket).apply(this, args);
  };
  Socket.prototype.connect = guarded as typeof Socket.prototype.connect;
  return {
    refused,
    uninstall: () => {
      Socket.prototype.connect = original;
    },
  };
}
