/**
 * The official BigCommerce OpenAPI files, loaded once (lazily) and used to route and validate
 * requests and responses. Used by the sandbox (to answer 422/400 on a bad request and to check
 * its own answers) and by the contract test (to check every answer the connector received).
 * The files are read unmodified from ../shared/contracts/bigcommerce.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import { load } from 'js-yaml';
import addFormatsModule from 'ajv-formats';
import type Ajv from 'ajv';

/** The repository root (this file is tests/sandbox/bigcommerce/contract.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where the official BigCommerce files live: path.resolve(repoRoot, '../shared/contracts/bigcommerce'),
 * or under $SKULINK_CONTRACTS (the same override the SP-API sandbox honours).
 */
export const BIGCOMMERCE_CONTRACTS_DIR = path.join(process.env.SKULINK_CONTRACTS ?? path.resolve(repoRoot, '../shared/contracts'), 'bigcommerce');

/** The API generation: v3 (catalog, inventory) or v2 (orders). */
export type BigCommerceApiVersion = 'v2' | 'v3';

const FILES: Record<BigCommerceApiVersion, readonly string[]> = {
  // Variants first: its paths (/catalog/products/{id}/variants) are more specific than products'.
  v3: ['product-variants_catalog.v3.yml', 'products_catalog.v3.yml', 'inventory.v3.yml'],
  v2: ['orders.v2.oas2.yml'],
};

/** One operation of one official file, found for a request. */
export interface ContractMatch {
  file: string;
  operationId: string;
  api: OpenAPIBackend;
  operation: Operation;
}

/** A request as the validator wants it: path relative to the API base (`/catalog/products`). */
export interface ContractRequest {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Routing and validation over the four BigCommerce files. */
export interface BigCommerceContracts {
  /** The operation for a method and a path under `/v3` or `/v2`, or undefined when no file has it. */
  match(version: BigCommerceApiVersion, method: string, subPath: string): ContractMatch | undefined;
  /** Problems with a request (parameters, headers, body) as `where: message`; empty when valid. */
  validateRequest(m: ContractMatch, req: ContractRequest): string[];
  /** Problems with a response body for a status; empty when valid. */
  validateResponse(m: ContractMatch, status: number, body: unknown): string[];
  /** True when the file documents a response body for this status (else nothing can be checked). */
  documentsStatus(m: ContractMatch, status: number): boolean;
}

type AjvPlugin = (ajv: Ajv) => Ajv;
const addFormats: AjvPlugin =
  (addFormatsModule as unknown as { default?: AjvPlugin }).default ?? (addFormatsModule as unknown as AjvPlugin);

function formatErrors(errors: readonly { instancePath?: string; message?: string; params?: unknown }[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

async function build(): Promise<BigCommerceContracts> {
  const apis: Record<BigCommerceApiVersion, { file: string; api: OpenAPIBackend }[]> = { v2: [], v3: [] };
  for (const version of ['v3', 'v2'] as const) {
    for (const file of FILES[version]) {
      const text = await readFile(path.join(BIGCOMMERCE_CONTRACTS_DIR, file), 'utf8');
      const definition = load(text) as Record<string, unknown>;
      // quick: validators are compiled per operation on first use (the files are large).
      const api = new OpenAPIBackend({
        definition: definition as never,
        quick: true,
        validate: true,
        ajvOpts: { allErrors: true },
        customizeAjv: (ajv) => addFormats(ajv),
      });
      await api.init();
      apis[version].push({ file, api });
    }
  }
  return {
    match(version, method, subPath) {
      for (const { file, api } of apis[version]) {
        const operation = api.router.matchOperation({ method: method.toLowerCase(), path: subPath, headers: {} });
        if (operation?.operationId) return { file, operationId: operation.operationId, api, operation };
      }
      return undefined;
    },
    validateRequest(m, req) {
      const result = m.api.validateRequest(
        { method: req.method.toLowerCase(), path: req.path, query: req.query, headers: req.headers, body: req.body as never },
        m.operation,
      );
      return result.valid ? [] : formatErrors(result.errors);
    },
    validateResponse(m, status, body) {
      const result = m.api.validateResponse(body, m.operation, status);
      return result.valid ? [] : formatErrors(result.errors);
    },
    documentsStatus(m, status) {
      const responses = (m.operation.responses ?? {}) as Record<string, { content?: unknown }>;
      const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      return Boolean(entry?.content);
    },
  };
}

let loading: Promise<BigCommerceContracts> | undefined;

/** The contracts, parsed on first call and shared afterwards. */
export function loadBigCommerceContracts(): Promise<BigCommerceContracts> {
  loading ??= build();
  return loading;
}
