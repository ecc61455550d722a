/**
 * Secrets never leave the process in output, logs or errors. Every secret the client is given is
 * registered here, and every message the client produces passes through `redact`.
 */
const secrets = new Set<string>();

/** Registers a secret (and its Basic-auth and URL-encoded forms) to be masked wherever it appears. */
export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 4) return;
  secrets.add(secret);
  secrets.add(encodeURIComponent(secret));
}

/** Registers the Basic credential `email:token` in its base64 form too. */
export function registerBasic(email: string, token: string): void {
  registerSecret(token);
  registerSecret(Buffer.from(`${email}:${token}`).toString('base64'));
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  // Authorization headers echoed anywhere, whatever their value.
  return out.replace(/(authorization["']?\s*[:=]\s*["']?(?:basic|bearer)\s+)[^\s"',}]+/gi, '$1***');
}
