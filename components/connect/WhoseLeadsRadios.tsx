import type { Locale } from '../useLocale';

// The one pair of answers to "whose leads does this browser keep" (issue #23): asked on the connect form and in the
// options' scope choice, which store the answer differently (a role sent with the token, a saved cache scope).

interface Answer<V extends string> {
  value: V;
  testId: string;
}

export function WhoseLeadsRadios<V extends string>(props: {
  locale: Locale;
  /** The radio group's name, unique on the page. */
  name: string;
  chosen: V;
  manager: Answer<V>;
  rep: Answer<V>;
  onChoose(value: V): void;
}) {
  const { t } = props.locale;
  const answers = [
    { ...props.manager, label: t('cacheScope.manager') },
    { ...props.rep, label: t('cacheScope.rep') },
  ];
  return (
    <>
      {answers.map((answer) => (
        <label key={answer.value}>
          <input
            type="radio"
            name={props.name}
            value={answer.value}
            data-testid={answer.testId}
            checked={props.chosen === answer.value}
            onChange={() => props.onChoose(answer.value)}
          />{' '}
          {answer.label}
        </label>
      ))}
    </>
  );
}
