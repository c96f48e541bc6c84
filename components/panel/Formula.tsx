import type { Translate } from '../../lib/i18n';

/**
 * "How is this computed?": a disclosure with METRICS.md's formula and this portal's numbers. A native <details>, so
 * it opens with the keyboard and screen readers announce it without any script; printed expanded (panel.css).
 */
export function Formula({ lines, t, testId }: { lines: readonly string[]; t: Translate; testId?: string }) {
  return (
    <details className="ll-formula" data-testid={testId ?? 'formula'}>
      <summary>{t('panel.howComputed')}</summary>
      <ul>
        {lines.map((line, index) => (
          // Lines are derived text in a fixed order; the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
