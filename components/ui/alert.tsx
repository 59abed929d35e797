import type { ReactNode } from 'react';
import type { Tone } from './badge';
import { cn } from './cn';

const tones: Record<Exclude<Tone, 'neutral'>, string> = {
  success: 'border-green-300 bg-green-50 text-green-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  danger: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-blue-300 bg-blue-50 text-blue-900',
};

/**
 * A message box. Errors and warnings use role="alert" (read out at once); others role="status".
 */
export function Alert({ tone = 'info', title, children, className, testId }: {
  tone?: Exclude<Tone, 'neutral'>;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div role={urgent ? 'alert' : 'status'} data-testid={testId} className={cn('rounded-md border px-3 py-2', tones[tone], className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-0.5' : undefined}>{children}</div>}
    </div>
  );
}
