import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText } from './redact';

describe('redaction', () => {
  it('removes LWA tokens, client secrets and form fields', () => {
    const text =
      'grant_type=refresh_token&refresh_token=Atzr|IwEBIabc&client_id=amzn1.application-oa2-client.x&client_secret=amzn1.oa2-cs.v1.deadbeef ' +
      'x-amz-access-token: Atza|IwEBIsecret {"access_token":"Atza|zzz","refresh_token":"r1"} Authorization: Bearer abc.def';
    const out = redactText(text);
    for (const secret of ['IwEBIabc', 'deadbeef', 'IwEBIsecret', 'Atza|zzz', '"r1"', 'abc.def']) expect(out).not.toContain(secret);
    expect(out).toContain('client_id=amzn1.application-oa2-client.x');
  });

  it('removes known secret values', () => {
    expect(redactText('token is s3cr3t-value ok', ['s3cr3t-value'])).toBe('token is [REDACTED] ok');
  });

  it('masks secret headers', () => {
    const h = redactHeaders(new Headers({ 'X-Auth-Token': 'abc', 'x-amz-access-token': 'Atza|1', accept: 'application/json' }));
    expect(h).toEqual({ 'x-auth-token': '[REDACTED]', 'x-amz-access-token': '[REDACTED]', accept: 'application/json' });
  });
});
