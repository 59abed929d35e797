/** The shared HTTP layer: client, clocks, token bucket, rate limiters, redaction. */
export * from './clock';
export * from './token-bucket';
export * from './rate-limiter';
export * from './rate-limits';
export * from './redact';
export * from './client';
