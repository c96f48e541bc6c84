import { Fragment, type ReactNode } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';
import { figureRuns, isEquation } from '../../lib/panel/format';

/**
 * An isolated figure or amount: `unicode-bidi: isolate` in the page's own direction (panel.css). Not <bdi>, whose
 * automatic direction would lay a Hebrew "−2.8 שע׳" out left to right, unit last; Intl's marks inside the text
 * already keep the sign with its digits.
 */
export function Iso({ children }: { children: ReactNode }) {
  return <span className="ll-iso">{children}</span>;
}

/** A line with every figure in a left-to-right <bdi> (see `figureRuns`). */
export function Figures({ text }: { text: string }) {
  return (
    <>
      {figureRuns(text).map((run, index) =>
        run.figure ? (
          // Runs are in the line's fixed order; the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <bdi key={index} dir="ltr">
            {run.text}
          </bdi>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Fragment key={index}>{run.text}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * A catalogue sentence with each parameter in its own <bdi>: a Hebrew sentence keeps "−40%" or "1,234 ₪" whole
 * instead of letting the surrounding right-to-left text reorder its sign and digits.
 */
export function Isolated({
  message,
  params,
  t,
}: {
  message: MessageKey;
  params: Record<string, string>;
  t: Translate;
}) {
  // Without params the translator returns the template itself, placeholders included.
  const pieces = t(message).split(/\{(\w+)\}/);
  return (
    <>
      {pieces.map((piece, index) =>
        index % 2 === 1 ? (
          // Pieces are in the template's fixed order; the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Iso key={index}>{params[piece] ?? `{${piece}}`}</Iso>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Fragment key={index}>{piece}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * "How is this computed?": a disclosure with METRICS.md's formula and this portal's numbers. A native <details>, so
 * it opens with the keyboard and screen readers announce it without any script; printed expanded (panel.css).
 * Equations read left to right in both languages, each figure isolated, so a Hebrew formula is not scrambled.
 */
export function Formula({ lines, t, testId }: { lines: readonly string[]; t: Translate; testId?: string }) {
  return (
    <details className="ll-formula" data-testid={testId ?? 'formula'}>
      <summary>{t('panel.howComputed')}</summary>
      <ul>
        {lines.map((line, index) => (
          // Lines are derived text in a fixed order; the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} dir={isEquation(line) ? 'ltr' : undefined}>
            <Figures text={line} />
          </li>
        ))}
      </ul>
    </details>
  );
}
