/**
 * The SKU mapping table as CSV (issue 3, item 6): export every link, import the mappings a
 * seller keeps in a spreadsheet. Test ids: `links-export`, `links-file`, `links-result`
 * (with `data-linked`, `data-replaced`, `data-unchanged`, `data-rejected`), `links-error-row`.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, cn } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { exportLinksCsv, importLinksCsv, type LinksImportSummary } from '@/lib/catalog/links-csv';
import { issuesReportCsv } from '@/lib/catalog/csv-import';
import { ct, describeLinksIssue } from './i18n';
import { downloadCsv, today } from './download';
import type { CatalogMessageKey } from './messages';

const LIST_LIMIT = 200;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Props of {@link LinksCsv}. */
export interface LinksCsvProps {
  db: SkulinkDexie;
}

/** Export and import of the listing -> product mapping table. */
export function LinksCsv({ db }: LinksCsvProps) {
  const [exportMsg, setExportMsg] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [rowsDone, setRowsDone] = useState(0);
  const [summary, setSummary] = useState<LinksImportSummary | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const inputId = useId();

  useEffect(() => () => abortRef.current?.abort(), []);

  async function onExport(): Promise<void> {
    setExporting(true);
    setExportMsg(null);
    try {
      const count = await db.links.count();
      const csv = await exportLinksCsv(db);
      downloadCsv(`skulink-mappings-${today()}.csv`, csv);
      setExportMsg({ tone: 'success', text: ct('links_exported', [count.toLocaleString()]) });
    } catch (err) {
      setExportMsg({ tone: 'danger', text: ct('links_export_failed', [errorText(err)]) });
    } finally {
      setExporting(false);
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || importing) return;
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setImporting(true);
    setSummary(null);
    setImportError(null);
    setRowsDone(0);
    try {
      setSummary(await importLinksCsv(db, file, { signal: ctrl.signal, onProgress: (p) => setRowsDone(p.rowsDone) }));
    } catch (err) {
      setImportError(ct('links_result_failed', [errorText(err)]));
    } finally {
      abortRef.current = null;
      setImporting(false);
    }
  }

  function downloadReport(): void {
    if (!summary) return;
    const header = (['row', 'type', 'code', 'column', 'value', 'reason'] as const).map((h) => ct(`catalog_report_header_${h}` as CatalogMessageKey));
    const csv = issuesReportCsv(summary.errors, summary.warnings, describeLinksIssue, header, {
      error: ct('catalog_report_error'),
      warning: ct('catalog_report_warning'),
    });
    downloadCsv(`skulink-mappings-errors-${today()}.csv`, csv);
  }

  return (
    <div className="flex flex-col gap-4 text-sm text-slate-800">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" data-testid="links-export" disabled={exporting} onClick={() => void onExport()}>
          {ct('links_export_button')}
        </Button>
        {exportMsg && (
          <span role="status" data-testid="links-export-status" className={cn('text-xs', exportMsg.tone === 'danger' ? 'text-red-700' : 'text-green-800')}>
            {exportMsg.text}
          </span>
        )}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="font-medium text-slate-800">
          {ct('links_import_label')}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          data-testid="links-file"
          disabled={importing}
          onChange={(e) => void onFile(e)}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-100"
        />
        <p className="text-xs text-slate-500">{ct('links_import_hint')}</p>
      </div>

      {importing && (
        <div className="flex items-center gap-3">
          <p role="status" className="text-slate-600">
            {ct('links_importing', [rowsDone.toLocaleString()])}
          </p>
          <Button size="sm" variant="secondary" onClick={() => abortRef.current?.abort()}>
            {ct('catalog_cancel_button')}
          </Button>
        </div>
      )}
      {importError && <Alert tone="danger">{importError}</Alert>}

      {summary && (
        <div
          data-testid="links-result"
          data-rows={summary.rows}
          data-linked={summary.linked}
          data-replaced={summary.replaced}
          data-unchanged={summary.unchanged}
          data-rejected={summary.rejected}
          data-listings-created={summary.listingsCreated}
          data-cancelled={summary.cancelled ? 'true' : 'false'}
          className="flex flex-col gap-3"
        >
          <Alert tone={summary.rejected > 0 || summary.fileErrors.length > 0 || summary.cancelled ? 'warning' : 'success'}>
            {summary.cancelled && <p>{ct('catalog_result_cancelled')}</p>}
            {summary.fileErrors.map((e, i) => (
              <p key={i}>{e}</p>
            ))}
            <p>
              {ct('links_result_counts', [
                summary.rows.toLocaleString(),
                summary.linked.toLocaleString(),
                summary.replaced.toLocaleString(),
                summary.unchanged.toLocaleString(),
                summary.rejected.toLocaleString(),
              ])}
            </p>
            {summary.listingsCreated > 0 && <p>{ct('links_result_listings', [summary.listingsCreated.toLocaleString()])}</p>}
            {summary.duplicates > 0 && <p>{ct('catalog_result_duplicates', [summary.duplicates.toLocaleString()])}</p>}
          </Alert>
          {(summary.errors.length > 0 || summary.warnings.length > 0) && (
            <div>
              <Button size="sm" variant="secondary" data-testid="links-download-report" onClick={downloadReport}>
                {ct('catalog_download_report')}
              </Button>
            </div>
          )}
          {summary.errors.length > 0 && (
            <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
              {summary.errors.slice(0, LIST_LIMIT).map((issue, i) => (
                <li key={`${issue.row}-${i}`} data-testid="links-error-row" data-row={issue.row} data-code={issue.code} className="flex gap-3 px-3 py-1.5">
                  <span className="w-20 shrink-0 font-mono text-xs text-red-800">{ct('catalog_error_row', [issue.row])}</span>
                  <span className="break-words">{describeLinksIssue(issue)}</span>
                </li>
              ))}
            </ul>
          )}
          {summary.errors.length > LIST_LIMIT && (
            <p className="text-xs text-slate-600">{ct('catalog_errors_more', [(summary.errors.length - LIST_LIMIT).toLocaleString()])}</p>
          )}
        </div>
      )}
    </div>
  );
}
