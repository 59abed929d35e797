/** The local API sandbox (SP-API + LWA + documents + BigCommerce mount + Seller Central pages). */
export { startSandbox, SANDBOX_CREDENTIALS, corrupt, type SandboxHandle, type SandboxOptions, type SandboxStats, type ContractViolation } from './server';
export { SANDBOX_SELLER_ID, US, DE, JP } from './seed';
export type { FaultSpec, FaultKind } from './faults';
