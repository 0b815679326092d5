/** The identity key of a username: full-width, case and stray spaces never make a second account. */
export function usernameKey(username: string): string {
  return username
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]/g, '')
    .toLowerCase();
}
