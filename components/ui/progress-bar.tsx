import { cn } from './cn';

/**
 * A determinate progress bar (role=progressbar with aria-valuenow), or an indeterminate one when
 * `value` is undefined (no aria-valuenow, as ARIA asks).
 */
export function ProgressBar({ value, max = 100, label, className, testId }: {
  value?: number;
  max?: number;
  /** Accessible name, e.g. "Importing catalog". */
  label: string;
  className?: string;
  testId?: string;
}) {
  const clamped = value === undefined ? undefined : Math.min(max, Math.max(0, value));
  const percent = clamped === undefined || max <= 0 ? undefined : (clamped / max) * 100;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={clamped}
      data-testid={testId}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-slate-200', className)}
    >
      <div
        className={cn('h-full rounded-full bg-blue-700 transition-[width]', percent === undefined && 'w-1/3 animate-pulse')}
        style={percent === undefined ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
