import { AppError } from "../http/errors";
import { decodeBase64, encodeBase64Url } from "../encoding/base64";

/** AES-GCM envelope for stored eDesk credentials; the key id allows future key rotation. */
export interface EncryptedSecret {
  v: 1;
  iv: string;
  data: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(encryptionKey: string | undefined): Promise<CryptoKey> {
  if (!encryptionKey) {
    throw new AppError(
      503,
      "misconfigured",
      "ENCRYPTION_KEY is not set: the operator must set it (base64 of 32 random bytes).",
    );
  }
  let pending = keys.get(encryptionKey);
  if (!pending) {
    let raw: Uint8Array;
    try {
      raw = decodeBase64(encryptionKey);
    } catch {
      raw = new Uint8Array();
    }
    if (raw.byteLength !== 32) {
      throw new AppError(
        503,
        "misconfigured",
        "ENCRYPTION_KEY must be base64 of exactly 32 bytes.",
      );
    }
    pending = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(encryptionKey, pending);
  }
  return pending;
}

export async function encryptSecret(
  plaintext: string,
  encryptionKey: string | undefined,
): Promise<EncryptedSecret> {
  const key = await importKey(encryptionKey);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { v: 1, iv: encodeBase64Url(iv), data: encodeBase64Url(new Uint8Array(data)) };
}

export async function decryptSecret(
  secret: EncryptedSecret,
  encryptionKey: string | undefined,
): Promise<string> {
  const key = await importKey(encryptionKey);
  try {
    const data = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: decodeBase64(secret.iv) },
      key,
      decodeBase64(secret.data),
    );
    return new TextDecoder().decode(data);
  } catch {
    throw new AppError(
      503,
      "misconfigured",
      "Stored credentials cannot be decrypted: ENCRYPTION_KEY changed since they were saved.",
    );
  }
}
