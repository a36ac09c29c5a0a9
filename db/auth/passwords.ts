// Password hashing with scrypt (memory-hard, in Node's crypto): N = 2^15, r = 8 → 32 MB and about 0.1 s a hash,
// so a stolen database costs an attacker that much per guess. The parameters are stored with each hash.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password policy an office can live with: at least 8 characters, not all of one kind. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return "密码至少 8 位 / at least 8 characters";
  if (/^\d+$/.test(password) || /^[a-z]+$/i.test(password)) return "密码不能全为数字或全为字母 / mix letters with digits or symbols";
  return null;
}
