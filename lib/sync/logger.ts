/**
 * Log entries for people: each failure against its listing, product, order, job or account, with
 * the API's code and message and the explanation and fix in the seller's language.
 * Why entries are built and written separately: a job writes its log entries in the same Dexie
 * transaction as the checkpoint they belong to, so a crash never leaves a log without its state.
 */
import { explain } from './explanations';
import type { Language, LogRow, SubjectType } from './schemas';

/** What a job says about one subject. */
export interface LogInput {
  level?: LogRow['level'];
  subjectType: SubjectType;
  subjectId: string;
  code: string;
  message?: string;
  params?: Record<string, string>;
}

/** Build a log row with the explanation resolved in `language`. */
export function buildLogRow(input: LogInput, ctx: { at: number; accountId: string; language: Language; jobId?: string; runId?: string }): LogRow {
  const text = explain(input.code, ctx.language, input.params ?? {}, input.message ?? '');
  return {
    at: ctx.at,
    level: input.level ?? 'error',
    accountId: ctx.accountId,
    jobId: ctx.jobId,
    runId: ctx.runId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    code: input.code,
    message: input.message ?? '',
    title: text.title,
    explanation: text.explanation,
    fix: text.fix,
    language: ctx.language,
  };
}
