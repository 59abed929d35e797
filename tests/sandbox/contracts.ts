/**
 * The official SP-API models (../shared/contracts, unmodified) as the sandbox's router and
 * validator: each Swagger 2.0 file is converted to OpenAPI 3 with swagger2openapi at load time
 * and handed to openapi-backend; the JSON_LISTINGS_FEED JSON Schemas are compiled with ajv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation, type Request as OabRequest } from 'openapi-backend';
// swagger2openapi ships no types; this is the one function used.
// @ts-expect-error -- no declaration file
import converterModule from 'swagger2openapi';

const converter = converterModule as { convertObj(spec: unknown, opts: Record<string, unknown>): Promise<{ openapi: Record<string, unknown> }> };

/** Repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared contracts folder, next to the repository. */
export const CONTRACTS_DIR = process.env.SKULINK_CONTRACTS ?? path.resolve(REPO_ROOT, '../shared/contracts');

/** The SP-API model files the sandbox serves. */
export const SP_API_MODEL_FILES = [
  'amazon-sp-api/listingsItems_2021-08-01.json',
  'amazon-sp-api/feeds_2021-06-30.json',
  'amazon-sp-api/reports_2021-06-30.json',
  'amazon-sp-api/orders_2026-01-01.json',
  'amazon-sp-api/ordersV0.json',
] as const;

export interface MatchedOperation {
  api: OpenAPIBackend;
  operation: Operation;
  operationId: string;
  file: string;
}

export interface ValidationOutcome {
  valid: boolean;
  message: string;
}

export interface SpApiContracts {
  match(req: OabRequest): MatchedOperation | undefined;
  parse(m: MatchedOperation, req: OabRequest): { params: Record<string, string>; query: Record<string, string | string[]> };
  validateRequest(m: MatchedOperation, req: OabRequest): ValidationOutcome;
  validateResponse(m: MatchedOperation, status: number, body: unknown): ValidationOutcome;
  /** JSON Schemas of the listings feed, its messages and its processing report. */
  feedSchema: ValidateFunction;
  feedMessageSchema: ValidateFunction;
  processingReportSchema: ValidateFunction;
  /** operationIds the loaded models define, per file. */
  operations: Record<string, string[]>;
}

function describeErrors(errors: readonly { instancePath?: string; message?: string; params?: unknown }[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`.trim())
    .join('; ');
}

function readJson(rel: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(CONTRACTS_DIR, rel), 'utf8')) as Record<string, unknown>;
}

let loading: Promise<SpApiContracts> | undefined;

/** Load (once per process) and compile the contracts. */
export function loadSpApiContracts(): Promise<SpApiContracts> {
  loading ??= load();
  return loading;
}

async function load(): Promise<SpApiContracts> {
  const apis: { api: OpenAPIBackend; file: string }[] = [];
  const operations: Record<string, string[]> = {};
  for (const file of SP_API_MODEL_FILES) {
    const swagger = readJson(file);
    const { openapi } = await converter.convertObj(swagger, { patch: true, warnOnly: true });
    const api = new OpenAPIBackend({
      definition: openapi as never,
      strict: false,
      quick: true,
      validate: true,
      ajvOpts: { strict: false, logger: false },
      customizeAjv: (ajv) => {
        addFormats(ajv as never);
        return ajv;
      },
    });
    await api.init();
    operations[file] = (api.getOperations() as Operation[]).map((o) => o.operationId ?? `${o.method} ${o.path}`);
    apis.push({ api, file });
  }
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const feedSchema = ajv.compile(readJson('amazon-sp-api/listings-feed-schema-v2.json'));
  const feedMessageSchema = ajv.compile(readJson('amazon-sp-api/listings-feed-message-schema-v2.json'));
  const processingReportSchema = ajv.compile(readJson('amazon-sp-api/listings-feed-processing-report-schema-v2.json'));

  return {
    operations,
    feedSchema,
    feedMessageSchema,
    processingReportSchema,
    match(req) {
      for (const { api, file } of apis) {
        const operation = api.router.matchOperation(req);
        if (operation) {
          const op = operation as Operation;
          return { api, operation: op, operationId: op.operationId ?? `${op.method} ${op.path}`, file };
        }
      }
      return undefined;
    },
    parse(m, req) {
      const parsed = m.api.router.parseRequest(req, m.operation);
      return { params: parsed.params as Record<string, string>, query: parsed.query as Record<string, string | string[]> };
    },
    validateRequest(m, req) {
      const v = m.api.validator.validateRequest(req, m.operation);
      return { valid: v.valid, message: describeErrors(v.errors as never) };
    },
    validateResponse(m, status, body) {
      const v = m.api.validator.validateResponse(body, m.operation, status);
      return { valid: v.valid, message: describeErrors(v.errors as never) };
    },
  };
}
