/**
 * Catalog import from CSV (issue 3, item 5): pick or drop a file, check the preview, map the
 * columns, import with a progress bar and Cancel, then read the counts and the rejected rows
 * (with a downloadable error report). Everything from the file is rendered as text by React.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Button, Field, ProgressBar, Select, TextInput, cn } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import {
  FieldRole,
  assignmentsToMapping,
  guessRole,
  issuesReportCsv,
  mappingToAssignments,
  previewCsv,
  validateMapping,
  type CatalogImportSummary,
  type ColumnAssignment,
  type ColumnMapping,
  type ColumnRole,
  type CsvPreview,
  type ImportProgress,
  type MappingProblem,
} from '@/lib/catalog/csv-import';
import { importCatalogToDb } from '@/lib/catalog/catalog-store';
import { ct, describeCatalogIssue } from './i18n';
import { downloadCsv, today } from './download';
import type { CatalogMessageKey } from './messages';

/** How many rejected rows / warnings the page lists; the report has all of them. */
const LIST_LIMIT = 200;
const PREVIEW_ROWS = 8;
const ROLES: ColumnRole[] = [...FieldRole.options, 'stock', 'extra', 'ignore'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CAD', 'MXN', 'BRL', 'PLN', 'SEK', 'HUF', 'TRY', 'JPY', 'AUD', 'INR', 'AED'];

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function problemText(p: MappingProblem, headers: readonly string[]): string {
  const col = (c: number): string => headers[c] || String(c + 1);
  switch (p.code) {
    case 'sku-required':
      return ct('catalog_problem_sku_required');
    case 'title-required':
      return ct('catalog_problem_title_required');
    case 'warehouse-name-empty':
      return ct('catalog_problem_warehouse_name_empty', [col(p.column)]);
    case 'warehouse-duplicate':
      return ct('catalog_problem_warehouse_duplicate', [col(p.column), p.name]);
    case 'extra-name-empty':
      return ct('catalog_problem_extra_name_empty', [col(p.column)]);
    case 'extra-duplicate':
      return ct('catalog_problem_extra_duplicate', [col(p.column), p.name]);
    case 'column-out-of-range':
      return ct('catalog_problem_column_out_of_range', [p.column + 1]);
  }
}

/** Props of {@link CatalogImport}. */
export interface CatalogImportProps {
  db: SkulinkDexie;
}

/**
 * The catalog import panel of the options page. Test ids: `catalog-file` (input),
 * `catalog-import` (button), `catalog-progress` (progress bar), `catalog-result` (with
 * `data-created`, `data-updated`, `data-rejected`), `catalog-error-row` (each listed bad row).
 */
export function CatalogImport({ db }: CatalogImportProps) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [assignments, setAssignments] = useState<ColumnAssignment[]>([]);
  const [decimal, setDecimal] = useState<ColumnMapping['decimal']>('auto');
  const [currency, setCurrency] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<CatalogImportSummary | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const readToken = useRef(0);
  const lastImport = useLiveQuery(() => db.imports.orderBy('at').last(), [db]);

  // Stop a running import when the panel goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  const headers = useMemo(() => preview?.headers ?? [], [preview]);
  const mapping = useMemo(
    () => assignmentsToMapping(assignments, { decimal, defaultCurrency: currency || undefined }),
    [assignments, decimal, currency],
  );
  const problems = useMemo(() => (preview ? validateMapping(mapping, headers.length) : []), [preview, mapping, headers.length]);

  async function chooseFile(f: File | undefined): Promise<void> {
    if (!f || running) return;
    const token = ++readToken.current;
    setFile(f);
    setPreview(null);
    setSummary(null);
    setImportError(null);
    setReadError(null);
    setProgress(null);
    setReading(true);
    try {
      const p = await previewCsv(f, PREVIEW_ROWS);
      if (token !== readToken.current) return;
      if (p.headers.length === 0) {
        setReadError(ct('catalog_no_header'));
        return;
      }
      setPreview(p);
      setAssignments(mappingToAssignments(p.mapping, p.headers.length));
      setDecimal(p.mapping.decimal);
      setCurrency(p.mapping.defaultCurrency ?? '');
    } catch (err) {
      if (token === readToken.current) setReadError(ct('catalog_read_failed', [errorText(err)]));
    } finally {
      if (token === readToken.current) setReading(false);
    }
  }

  function onInput(e: ChangeEvent<HTMLInputElement>): void {
    void chooseFile(e.target.files?.[0]);
    // Let the same file be chosen again after editing it.
    e.target.value = '';
  }

  function onDrop(e: DragEvent<HTMLDivElement>): void {
    e.preventDefault();
    setDragOver(false);
    void chooseFile(e.dataTransfer.files[0]);
  }

  function setRole(column: number, role: ColumnRole): void {
    setAssignments((prev) =>
      prev.map((a, i) => {
        if (i === column) {
          const header = headers[i] ?? '';
          if (role === 'stock') return { role, name: a.role === 'stock' ? a.name : (guessRole(header)?.name ?? header) };
          if (role === 'extra') return { role, name: a.role === 'extra' ? a.name : header };
          return { role };
        }
        // One column per field: choosing SKU here clears SKU elsewhere.
        const isField = role !== 'stock' && role !== 'extra' && role !== 'ignore';
        return isField && a.role === role ? { role: 'ignore' } : a;
      }),
    );
  }

  function setName(column: number, name: string): void {
    setAssignments((prev) => prev.map((a, i) => (i === column ? { ...a, name } : a)));
  }

  async function runImport(): Promise<void> {
    if (!file || !preview || problems.length || running) return;
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setRunning(true);
    setSummary(null);
    setImportError(null);
    setProgress({ rowsDone: 0, bytesDone: 0, totalBytes: file.size, created: 0, updated: 0, rejected: 0 });
    // Re-render at most every 100 ms: a 100,000-row file reports progress several hundred times.
    let lastPaint = 0;
    const onProgress = (p: ImportProgress): void => {
      const now = performance.now();
      if (now - lastPaint < 100 && p.bytesDone < p.totalBytes) return;
      lastPaint = now;
      setProgress(p);
    };
    try {
      const result = await importCatalogToDb(db, file, mapping, {
        fileName: file.name,
        signal: ctrl.signal,
        delimiter: preview.delimiter,
        onProgress,
      });
      setSummary(result);
    } catch (err) {
      setImportError(ct('catalog_result_failed', [errorText(err)]));
    } finally {
      abortRef.current = null;
      setRunning(false);
    }
  }

  function downloadReport(): void {
    if (!summary) return;
    const header = (['row', 'type', 'code', 'column', 'value', 'reason'] as const).map((h) => ct(`catalog_report_header_${h}` as CatalogMessageKey));
    const csv = issuesReportCsv(summary.errors, summary.warnings, describeCatalogIssue, header, {
      error: ct('catalog_report_error'),
      warning: ct('catalog_report_warning'),
    });
    const base = (file?.name ?? 'catalog').replace(/\.[^.]*$/, '');
    downloadCsv(`${base}-errors-${today()}.csv`, csv);
  }

  const percent = progress && progress.totalBytes > 0 ? Math.round((progress.bytesDone / progress.totalBytes) * 100) : 0;

  return (
    <div className="flex flex-col gap-4 text-sm text-slate-800">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          if (!running) setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        data-testid="catalog-dropzone"
        className={cn(
          'rounded-lg border-2 border-dashed p-5 text-center transition-colors',
          dragOver ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-slate-50',
          running && 'opacity-60',
        )}
      >
        <label className="flex cursor-pointer flex-col items-center gap-1">
          <span className="font-medium text-blue-800 underline-offset-2 hover:underline">{ct('catalog_drop_label')}</span>
          <span className="text-xs text-slate-500">{ct('catalog_drop_hint')}</span>
          <input
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            className="sr-only"
            data-testid="catalog-file"
            disabled={running}
            onChange={onInput}
          />
        </label>
      </div>

      {lastImport && !summary && (
        <p className="text-xs text-slate-500" data-testid="catalog-last-import">
          {ct('catalog_last_import', [
            lastImport.fileName,
            new Date(lastImport.at).toLocaleString(),
            lastImport.created,
            lastImport.updated,
            lastImport.rejected,
          ])}
        </p>
      )}

      {reading && <p role="status">{ct('catalog_reading')}</p>}
      {readError && <Alert tone="danger">{readError}</Alert>}

      {file && preview && (
        <>
          <p className="text-xs text-slate-600" data-testid="catalog-file-info">
            {ct('catalog_file_info', [file.name, formatBytes(file.size), preview.encoding, preview.delimiter === '\t' ? 'tab' : preview.delimiter])}
          </p>

          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full border-collapse text-left text-xs" data-testid="catalog-preview">
              <caption className="caption-top px-2 py-1.5 text-left text-slate-600">{ct('catalog_preview_caption')}</caption>
              <thead className="bg-slate-50 align-top">
                <tr>
                  {headers.map((h, i) => {
                    const a = assignments[i] ?? { role: 'ignore' as ColumnRole };
                    return (
                      <th key={i} scope="col" className="min-w-36 border-b border-slate-200 px-2 py-2 font-semibold" data-testid="catalog-column">
                        <div className="mb-1 truncate text-slate-900" title={h}>
                          {h || `#${i + 1}`}
                        </div>
                        <Select
                          aria-label={ct('catalog_column_label', [h || String(i + 1)])}
                          data-testid={`catalog-role-${i}`}
                          value={a.role}
                          disabled={running}
                          onChange={(e) => setRole(i, e.target.value as ColumnRole)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ct(`catalog_role_${r}` as CatalogMessageKey)}
                            </option>
                          ))}
                        </Select>
                        {(a.role === 'stock' || a.role === 'extra') && (
                          <TextInput
                            className="mt-1"
                            aria-label={ct(a.role === 'stock' ? 'catalog_warehouse_name' : 'catalog_extra_name', [h || String(i + 1)])}
                            data-testid={`catalog-name-${i}`}
                            value={a.name ?? ''}
                            disabled={running}
                            onChange={(e) => setName(i, e.target.value)}
                          />
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r} className="odd:bg-white even:bg-slate-50">
                    {headers.map((_, c) => (
                      <td key={c} className="max-w-56 truncate border-b border-slate-100 px-2 py-1" title={row[c] ?? ''}>
                        {row[c] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div className="flex flex-wrap gap-4">
            <Field label={ct('catalog_decimal_label')} className="w-48">
              {(p) => (
                <Select {...p} value={decimal} disabled={running} data-testid="catalog-decimal" onChange={(e) => setDecimal(e.target.value as ColumnMapping['decimal'])}>
                  <option value="auto">{ct('catalog_decimal_auto')}</option>
                  <option value=".">{ct('catalog_decimal_point')}</option>
                  <option value=",">{ct('catalog_decimal_comma')}</option>
                </Select>
              )}
            </Field>
            <Field label={ct('catalog_currency_label')} className="w-56">
              {(p) => (
                <Select {...p} value={currency} disabled={running} data-testid="catalog-currency" onChange={(e) => setCurrency(e.target.value)}>
                  <option value="">{ct('catalog_currency_none')}</option>
                  {CURRENCIES.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>

          {problems.length > 0 && (
            <Alert tone="warning" testId="catalog-mapping-problems">
              <ul className="list-disc pl-5">
                {problems.map((p, i) => (
                  <li key={i}>{problemText(p, headers)}</li>
                ))}
              </ul>
            </Alert>
          )}

          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" data-testid="catalog-import" disabled={running || problems.length > 0} onClick={() => void runImport()}>
              {ct('catalog_import_button')}
            </Button>
            {running && (
              <Button variant="secondary" data-testid="catalog-cancel" onClick={() => abortRef.current?.abort()}>
                {ct('catalog_cancel_button')}
              </Button>
            )}
          </div>
        </>
      )}

      {progress && (running || !summary) && !importError && (
        <div className="flex flex-col gap-1">
          <ProgressBar value={percent} label={ct('catalog_progress_label')} testId="catalog-progress" />
          <p className="text-xs text-slate-600" aria-live="polite">
            {ct('catalog_progress_text', [progress.rowsDone.toLocaleString(), percent])}
          </p>
        </div>
      )}

      {importError && <Alert tone="danger" testId="catalog-import-error">{importError}</Alert>}

      {summary && <CatalogImportResult summary={summary} onDownload={downloadReport} />}
    </div>
  );
}

/** The result panel of a catalog import: counts (also as data attributes), report button, bad rows. */
export function CatalogImportResult({ summary, onDownload }: { summary: CatalogImportSummary; onDownload: () => void }) {
  const hasIssues = summary.errors.length > 0 || summary.warnings.length > 0;
  return (
    <div
      data-testid="catalog-result"
      data-rows={summary.rows}
      data-created={summary.created}
      data-updated={summary.updated}
      data-rejected={summary.rejected}
      data-duplicates={summary.duplicates}
      data-warnings={summary.warnings.length}
      data-cancelled={summary.cancelled ? 'true' : 'false'}
      className="flex flex-col gap-3"
    >
      <Alert tone={summary.cancelled || summary.rejected > 0 ? 'warning' : 'success'} title={summary.cancelled ? ct('catalog_result_cancelled') : ct('catalog_result_title')}>
        <p>{ct('catalog_result_counts', [summary.rows.toLocaleString(), summary.created.toLocaleString(), summary.updated.toLocaleString(), summary.rejected.toLocaleString()])}</p>
        {summary.duplicates > 0 && <p>{ct('catalog_result_duplicates', [summary.duplicates.toLocaleString()])}</p>}
        {summary.warnings.length > 0 && <p>{ct('catalog_result_warnings', [summary.warnings.length.toLocaleString()])}</p>}
        {summary.fileErrors.map((e, i) => (
          <p key={i}>{e === 'The file is empty: no header row' ? ct('catalog_no_header') : e}</p>
        ))}
      </Alert>

      {hasIssues && (
        <div>
          <Button variant="secondary" size="sm" data-testid="catalog-download-report" onClick={onDownload}>
            {ct('catalog_download_report')}
          </Button>
        </div>
      )}

      {summary.errors.length > 0 && (
        <IssueList title={ct('catalog_errors_title')} issues={summary.errors} testId="catalog-error-row" tone="error" />
      )}
      {summary.warnings.length > 0 && (
        <details className="rounded-md border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer font-medium">
            {ct('catalog_warnings_title')} ({summary.warnings.length.toLocaleString()})
          </summary>
          <IssueList issues={summary.warnings} testId="catalog-warning-row" tone="warning" />
        </details>
      )}
    </div>
  );
}

function IssueList({ title, issues, testId, tone }: { title?: string; issues: CatalogImportSummary['errors']; testId: string; tone: 'error' | 'warning' }) {
  const shown = issues.slice(0, LIST_LIMIT);
  return (
    <div>
      {title && <h3 className="mb-1 font-semibold text-slate-900">{title}</h3>}
      <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
        {shown.map((issue, i) => (
          <li key={`${issue.row}-${i}`} data-testid={testId} data-row={issue.row} data-code={issue.code} className="flex gap-3 px-3 py-1.5">
            <span className={cn('w-20 shrink-0 font-mono text-xs', tone === 'error' ? 'text-red-800' : 'text-amber-800')}>
              {ct('catalog_error_row', [issue.row])}
            </span>
            <span className="break-words">{describeCatalogIssue(issue)}</span>
          </li>
        ))}
      </ul>
      {issues.length > shown.length && (
        <p className="mt-1 text-xs text-slate-600">{ct('catalog_errors_more', [(issues.length - shown.length).toLocaleString()])}</p>
      )}
    </div>
  );
}
