/**
 * The API key the user logged in with. sessionStorage, not localStorage: the key is an admin credential, so it
 * lives only as long as the tab and is never shared with other tabs or left behind on a shared machine.
 */
const KEY = 'segmint.apiKey';

export function readStoredKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
