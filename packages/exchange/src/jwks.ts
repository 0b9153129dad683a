// The authorization server's signing keys (JWKS), kept in memory and on disk beside the inbox, so an exchange
// restarted while that server is down still verifies tokens signed with keys it knew. Rotation: a token whose `kid`
// is not in the set triggers a refresh (at most one per cooldown); a set older than `refreshAfterMs` is refreshed
// before use when the server answers quickly; a set older than `maxAgeMs` (default 24 h) is no longer trusted.
// https://www.rfc-editor.org/rfc/rfc7517#section-5 (JWK Set)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, errors } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';

export interface KeySetOptions {
  url: string;
  /** File holding the last good set (`{ fetchedAt, jwks }`); none: memory only. */
  cacheFile?: string;
  /** Age after which the set is refreshed in the background (ms, default 10 min). */
  refreshAfterMs?: number;
  /** Age after which a set is not used any more (ms, default 24 h). */
  maxAgeMs?: number;
  /** Shortest interval between two fetches caused by unknown `kid`s (ms, default 5 s). */
  cooldownMs?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The keys cannot be had: the authorization server is unreachable and no usable set is cached. */
export class KeysUnavailable extends Error {
  constructor(cause?: unknown) {
    super('signing keys unavailable', { cause });
    this.name = 'KeysUnavailable';
  }
}

interface Held {
  jwks: JSONWebKeySet;
  fetchedAt: number;
  local: JWTVerifyGetKey;
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return !!value && typeof value === 'object' && Array.isArray((value as JSONWebKeySet).keys) && (value as JSONWebKeySet).keys.every((k) => k && typeof k === 'object' && typeof k.kty === 'string');
}

export class KeySet {
  private readonly options: KeySetOptions;
  private held?: Held;
  private fetching?: Promise<Held>;
  private lastFetchAt = 0;

  constructor(options: KeySetOptions) {
    this.options = options;
    this.held = this.readCache();
  }

  private get maxAge(): number {
    return this.options.maxAgeMs ?? 24 * 60 * 60_000;
  }

  private readCache(): Held | undefined {
    if (!this.options.cacheFile) return undefined;
    try {
      const saved = JSON.parse(readFileSync(this.options.cacheFile, 'utf8')) as { fetchedAt?: number; jwks?: unknown };
      if (typeof saved.fetchedAt !== 'number' || !isKeySet(saved.jwks)) return undefined;
      if (Date.now() - saved.fetchedAt > this.maxAge) {
        this.options.log?.('[exchange] cached signing keys too old, not used');
        return undefined;
      }
      return { jwks: saved.jwks, fetchedAt: saved.fetchedAt, local: createLocalJWKSet(saved.jwks) };
    } catch {
      return undefined; // no cache yet, or unreadable: the keys will be fetched
    }
  }

  private writeCache(held: Held): void {
    if (!this.options.cacheFile) return;
    try {
      mkdirSync(dirname(this.options.cacheFile), { recursive: true });
      const tmp = `${this.options.cacheFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({ fetchedAt: held.fetchedAt, jwks: held.jwks }));
      renameSync(tmp, this.options.cacheFile);
    } catch {
      this.options.log?.('[exchange] signing keys could not be cached on disk; kept in memory');
    }
  }

  /** Fetches the set (one fetch at a time); keeps and caches it when it is a valid JWK set. */
  refresh(): Promise<Held> {
    this.fetching ??= (async () => {
      this.lastFetchAt = Date.now();
      try {
        const res = await fetch(this.options.url, { headers: { Accept: 'application/json, application/jwk-set+json' }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
        const body = res.status === 200 ? ((await res.json()) as unknown) : undefined;
        if (!isKeySet(body)) throw new Error(`JWKS answer ${res.status} is not a key set`);
        const held = { jwks: body, fetchedAt: Date.now(), local: createLocalJWKSet(body) };
        this.held = held;
        this.writeCache(held);
        return held;
      } catch (error) {
        throw new KeysUnavailable(error);
      }
    })().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private coolingDown(): boolean {
    return Date.now() - this.lastFetchAt < (this.options.cooldownMs ?? 5_000);
  }

  private usable(): Held | undefined {
    return this.held && Date.now() - this.held.fetchedAt <= this.maxAge ? this.held : undefined;
  }

  /** jose's key resolver: the key of the token's `kid` (refreshing for an unknown one), or KeysUnavailable. */
  /** A stale set is refreshed before use when the server answers within a second (a removed key stops verifying). */
  private async current(): Promise<Held> {
    const held = this.usable();
    if (!held) return this.refresh();
    if (Date.now() - held.fetchedAt <= (this.options.refreshAfterMs ?? 10 * 60_000) || this.coolingDown()) return held;
    const refreshed = this.refresh().catch(() => {
      this.options.log?.('[exchange] signing keys refresh failed; the cached set is used');
      return undefined;
    });
    const fresh = await Promise.race([refreshed, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000).unref())]);
    return fresh ?? held;
  }

  /** jose's key resolver: the key of the token's `kid` (refreshing for an unknown one), or KeysUnavailable. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const held = await this.current();
    try {
      return await held.local(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // Unknown kid. The set was fetched moments ago: the key is unknown (401). Else maybe a rotation: ask again, not
      // more than once per cooldown (forged kids must not make us hammer the server); if we could not ask, or the
      // server is down, we cannot tell: unavailable (503), not invalid.
      if (Date.now() - held.fetchedAt < (this.options.cooldownMs ?? 5_000)) throw error;
      if (this.coolingDown()) throw new KeysUnavailable(error);
      const fresh = await this.refresh();
      return fresh.local(header, token);
    }
  };
}
