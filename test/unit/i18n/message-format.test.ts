import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  MessageSyntaxError,
  parametersOf,
  plainPlaceholdersOf,
  pluralsOf,
} from '../../../lib/i18n/message-format';

const leads = 'Imported {count, plural, =0 {no leads} one {# lead} other {# leads}} from {file}.';
// Hebrew: one, two (the dual), other.
const months = '{count, plural, one {חודש אחד} two {חודשיים} other {# חודשים}}';

describe('formatMessage', () => {
  it('chooses the English form by Intl.PluralRules, an exact match first, and formats # for the language', () => {
    expect(formatMessage(leads, { count: 1, file: 'a.csv' }, 'en-US')).toBe('Imported 1 lead from a.csv.');
    expect(formatMessage(leads, { count: 2, file: 'a.csv' }, 'en-US')).toBe('Imported 2 leads from a.csv.');
    expect(formatMessage(leads, { count: 0, file: 'a.csv' }, 'en-US')).toBe('Imported no leads from a.csv.');
    expect(formatMessage(leads, { count: 12345, file: 'a.csv' }, 'en-US')).toBe('Imported 12,345 leads from a.csv.');
  });

  it('gives Hebrew its dual', () => {
    expect(formatMessage(months, { count: 1 }, 'he-IL')).toBe('חודש אחד');
    expect(formatMessage(months, { count: 2 }, 'he-IL')).toBe('חודשיים');
    expect(formatMessage(months, { count: 6 }, 'he-IL')).toBe('6 חודשים');
  });

  it('fills plain placeholders inside and outside forms, and leaves a missing one visible', () => {
    expect(formatMessage('{a} and {n, plural, one {# {b}} other {# {b}s}}', { a: 'x', n: 3, b: 'deal' }, 'en-US')).toBe(
      'x and 3 deals',
    );
    expect(formatMessage('Version {version}', undefined, 'en-US')).toBe('Version {version}');
  });

  it('takes the other form, showing the value as given, when the plural parameter is missing or not a number', () => {
    expect(formatMessage(leads, { file: 'a.csv' }, 'en-US')).toBe('Imported {count} leads from a.csv.');
    expect(formatMessage(leads, { count: '1,5', file: 'a.csv' }, 'en-US')).toBe('Imported 1,5 leads from a.csv.');
  });

  it('keeps braces that open no name as text', () => {
    expect(formatMessage('{1, 2} ∪ {x + y} = {z}', { z: 'S' }, 'en-US')).toBe('{1, 2} ∪ {x + y} = S');
  });

  it('refuses a plural without an other form, a repeated form and other ICU arguments', () => {
    expect(() => formatMessage('{n, plural, one {#}}', { n: 1 }, 'en-US')).toThrow(MessageSyntaxError);
    expect(() => formatMessage('{n, plural, one {#} one {#} other {#}}', { n: 1 }, 'en-US')).toThrow(/twice/);
    expect(() => formatMessage('{n, select, a {x} other {y}}', { n: 'a' }, 'en-US')).toThrow(/only plural/);
  });
});

describe('reading a template', () => {
  it('lists parameters, plain placeholders and plural forms', () => {
    expect(parametersOf(leads)).toEqual(['count', 'file']);
    expect(plainPlaceholdersOf(leads)).toEqual(['file']);
    expect(pluralsOf(leads)).toEqual([{ name: 'count', forms: ['=0', 'one', 'other'] }]);
    expect(pluralsOf(months)).toEqual([{ name: 'count', forms: ['one', 'two', 'other'] }]);
  });
});
