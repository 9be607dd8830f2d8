export const KINDS: [RegExp, string][] = [
  [/\.ps1$/i, 'PowerShell'],
  [/\.(bat|cmd)$/i, 'batch'],
];

/** PowerShell and batch drivers: claimed only so that a builder pattern in one is refused, not missed. */
export function claims(relPath: string): boolean {
  return KINDS.some(([re]) => re.test(relPath));
}
