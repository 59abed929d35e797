/**
 * Scrubbing of credentials from anything that goes into an error message or a log line.
 * Why patterns and a list: LWA tokens have recognisable prefixes (Atza|, Atzr|, amzn1.oa2-cs.),
 * while other secrets (a BigCommerce X-Auth-Token, a client secret) are only known by value.
 */

/** Header names whose values are never shown. */
export const SECRET_HEADERS: readonly string[] = [
  'x-amz-access-token',
  'authorization',
  'x-auth-token',
  'x-auth-client',
  'cookie',
  'set-cookie',
  'proxy-authorization',
];

const MASK = '[REDACTED]';

const PATTERNS: readonly [RegExp, string][] = [
  // LWA access and refresh tokens.
  [/Atz[ar]\|[^\s"'&,;}\]]+/g, MASK],
  // LWA client secrets.
  [/amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g, MASK],
  // Form or query fields.
  [/((?:refresh_token|client_secret|access_token|code|password)=)[^&\s"']+/gi, `$1${MASK}`],
  // JSON fields.
  [/("(?:refresh_token|client_secret|access_token|accessToken|refreshToken|clientSecret|password|token)"\s*:\s*")[^"]*(")/gi, `$1${MASK}$2`],
  // Header lines and bearer tokens.
  [/((?:x-amz-access-token|authorization|x-auth-token)\s*[:=]\s*)(?:Bearer\s+)?[^\s,;"']+/gi, `$1${MASK}`],
  [/Bearer\s+[A-Za-z0-9._~+/=|-]+/g, `Bearer ${MASK}`],
];

/**
 * Remove credentials from a text: known secret values first (exact match), then token patterns.
 * @param secrets values that must never appear (access token, refresh token, client secret, API token)
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of headers safe to show: secret headers masked, other values pattern-scrubbed. */
export function redactHeaders(headers: Headers | Record<string, string>, secrets: readonly (string | undefined)[] = []): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    out[name] = SECRET_HEADERS.includes(name.toLowerCase()) ? MASK : redactText(value, secrets);
  }
  return out;
}

/** The marker that replaces secrets, for tests and for callers that build their own messages. */
export const REDACTED = MASK;
