// The authorization server's signing key: given, loaded from a file, or generated (and then saved to that file).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import type { SigningKeyMaterial } from './types.ts';

export interface SigningKeys {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Public JWKS served at /auth/jwks. */
  jwks: JSONWebKeySet;
}

/** Generates a fresh signing key pair as private JWK material. */
export async function generateSigningKey(alg: 'RS256' | 'ES256' = 'ES256'): Promise<SigningKeyMaterial> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateJwk: await exportJWK(privateKey) };
}

function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, n, e } = jwk;
  const pub: JWK = { kty };
  if (crv !== undefined) pub.crv = crv;
  if (x !== undefined) pub.x = x;
  if (y !== undefined) pub.y = y;
  if (n !== undefined) pub.n = n;
  if (e !== undefined) pub.e = e;
  return pub;
}

/** Imports key material into usable keys with a thumbprint `kid`. */
export async function importSigningKeys(material: SigningKeyMaterial): Promise<SigningKeys> {
  const pubJwk = publicPart(material.privateJwk);
  const kid = await calculateJwkThumbprint(pubJwk);
  const privateKey = (await importJWK(material.privateJwk, material.alg)) as CryptoKey;
  const publicKey = (await importJWK(pubJwk, material.alg)) as CryptoKey;
  return {
    alg: material.alg,
    kid,
    privateKey,
    publicKey,
    jwks: { keys: [{ ...pubJwk, kid, alg: material.alg, use: 'sig' }] },
  };
}

/** Resolves the signing keys from options: explicit keys, else the key file (created when missing), else a new key. */
export async function loadSigningKeys(options: {
  keys?: SigningKeyMaterial;
  keyFile?: string;
  signingAlg?: 'RS256' | 'ES256';
}): Promise<SigningKeys> {
  if (options.keys) return importSigningKeys(options.keys);
  if (options.keyFile && existsSync(options.keyFile)) {
    const stored = JSON.parse(readFileSync(options.keyFile, 'utf8')) as SigningKeyMaterial;
    if ((stored.alg !== 'RS256' && stored.alg !== 'ES256') || typeof stored.privateJwk !== 'object') {
      throw new Error(`SMART_KEY_FILE_INVALID: ${options.keyFile} is not a signing key file; delete it to generate a new key.`);
    }
    return importSigningKeys(stored);
  }
  const material = await generateSigningKey(options.signingAlg);
  if (options.keyFile) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, JSON.stringify(material), { mode: 0o600 });
  }
  return importSigningKeys(material);
}
