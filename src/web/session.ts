// Dashboard sessions: kept in this process's memory, named by a random id in
// a signed, HttpOnly, SameSite=Lax cookie. The signing key is SESSION_SECRET,
// or a random key made at start (then every session ends with the process).
// Each session carries its own CSRF token, which every state change must echo.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Platform } from '../db/types.ts';

export const COOKIE = 'cohort_session';
export const SESSION_MS = 7 * 24 * 3_600_000;
export const LINK_MS = 10 * 60_000;
/** How long a Discord guild list (who is admin where) is trusted before it is read again. */
export const RECHECK_MS = 10 * 60_000;

export interface Membership {
  /** Discord guild id, Slack team id, "local". */
  externalId: string;
  admin: boolean;
}

export interface Identity {
  platform: Platform;
  userId: string;
  name: string;
  communities: Membership[];
}

export interface Session {
  id: string;
  identity: Identity;
  csrf: string;
  expiresAt: number;
  checkedAt: number;
  /** Reads the memberships again (Discord: the guild list with the user's token); absent when they cannot go stale. */
  recheck?: (() => Promise<Membership[]>) | undefined;
}

const token = () => randomBytes(24).toString('base64url');

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly links = new Map<string, { identity: Identity; expiresAt: number }>();
  private readonly key: Buffer;

  constructor(
    secret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  create(identity: Identity, recheck?: Session['recheck']): Session {
    this.sweep();
    const t = this.now();
    const session: Session = { id: token(), identity, csrf: token(), expiresAt: t + SESSION_MS, checkedAt: t, recheck };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The cookie value for a session: its id and a MAC of it. */
  cookieValue(session: Session): string {
    return `${session.id}.${this.mac(session.id)}`;
  }

  /** The live session a cookie names, or undefined for a forged, expired or unknown one. */
  fromCookie(value: string | undefined): Session | undefined {
    const [id, mac] = (value ?? '').split('.');
    if (!id || !mac || !sameText(mac, this.mac(id))) return undefined;
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(session: Session): void {
    this.sessions.delete(session.id);
  }

  /** A one-time sign-in token for `identity`, valid LINK_MS. */
  link(identity: Identity): string {
    this.sweep();
    const t = token();
    this.links.set(t, { identity, expiresAt: this.now() + LINK_MS });
    return t;
  }

  /** Spends a one-time token: the identity once, then never again. */
  spendLink(t: string): Identity | undefined {
    const found = this.links.get(t);
    this.links.delete(t);
    return found && found.expiresAt > this.now() ? found.identity : undefined;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(id);
    for (const [id, l] of this.links) if (l.expiresAt <= t) this.links.delete(id);
  }
}

/** Constant-time comparison, so a MAC or CSRF token cannot be guessed byte by byte. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
