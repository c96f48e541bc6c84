// The catalogues' message syntax: `{name}` placeholders and ICU MessageFormat's plural argument,
// `{count, plural, =0 {no leads} one {# lead} other {# leads}}`, where `#` is the number formatted for the language and
// a form is chosen by exact match first, then by `Intl.PluralRules` (English: one, other; Hebrew: one, two, other).
// Only that subset of ICU: a full MessageFormat library would add its parser to every content script for a feature
// the catalogues do not use. Apostrophes are plain text, not ICU's quoting.

export type MessageParams = Record<string, string | number>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'number' }
  | { kind: 'plural'; name: string; forms: Map<string, Part[]> };

/** A template that is not valid in the subset: the catalogue tests name the key, so nobody meets it at run time. */
export class MessageSyntaxError extends Error {
  constructor(template: string, detail: string) {
    super(`${detail} in message "${template}"`);
    this.name = 'MessageSyntaxError';
  }
}

class Reader {
  at = 0;
  constructor(readonly template: string) {}

  fail(detail: string): never {
    throw new MessageSyntaxError(this.template, `${detail} at ${this.at}`);
  }

  skipSpaces(): void {
    while (/\s/.test(this.template[this.at] ?? '')) this.at++;
  }

  word(): string {
    const match = /^[=\w]+/.exec(this.template.slice(this.at));
    if (match === null) this.fail('expected a name');
    this.at += match[0].length;
    return match[0];
  }

  expect(character: string): void {
    if (this.template[this.at] !== character) this.fail(`expected "${character}"`);
    this.at++;
  }
}

/** Parts up to the end of the template, or up to the `}` that closes a plural form (`inForm`). */
function readParts(reader: Reader, inForm: boolean): Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (reader.at < reader.template.length) {
    const character = reader.template[reader.at] as string;
    if (character === '}' && inForm) break;
    if (character === '#' && inForm) {
      flush();
      parts.push({ kind: 'number' });
      reader.at++;
      continue;
    }
    if (character !== '{') {
      text += character;
      reader.at++;
      continue;
    }
    // A `{` that does not open a name is text (a set in a formula, say).
    if (!/^\{\s*[A-Za-z_]\w*\s*[},]/.test(reader.template.slice(reader.at))) {
      text += character;
      reader.at++;
      continue;
    }
    flush();
    reader.at++;
    reader.skipSpaces();
    const name = reader.word();
    reader.skipSpaces();
    if (reader.template[reader.at] === '}') {
      reader.at++;
      parts.push({ kind: 'value', name });
      continue;
    }
    reader.expect(',');
    reader.skipSpaces();
    if (reader.word() !== 'plural') reader.fail('only plural arguments are supported');
    reader.skipSpaces();
    reader.expect(',');
    const forms = new Map<string, Part[]>();
    for (;;) {
      reader.skipSpaces();
      if (reader.template[reader.at] === '}') break;
      const selector = reader.word();
      if (forms.has(selector)) reader.fail(`form "${selector}" given twice`);
      reader.skipSpaces();
      reader.expect('{');
      forms.set(selector, readParts(reader, true));
      reader.expect('}');
    }
    reader.at++;
    if (!forms.has('other')) reader.fail(`plural "${name}" without an "other" form`);
    parts.push({ kind: 'plural', name, forms });
  }
  flush();
  return parts;
}

const parsed = new Map<string, Part[]>();

function partsOf(template: string): Part[] {
  let parts = parsed.get(template);
  if (parts === undefined) {
    parts = readParts(new Reader(template), false);
    parsed.set(template, parts);
  }
  return parts;
}

/** Every plural argument of a template: its parameter and the forms it gives (`one`, `two`, `=0`, `other`…). */
export function pluralsOf(template: string): Array<{ name: string; forms: string[] }> {
  const found: Array<{ name: string; forms: string[] }> = [];
  const visit = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind !== 'plural') continue;
      found.push({ name: part.name, forms: [...part.forms.keys()] });
      for (const form of part.forms.values()) visit(form);
    }
  };
  visit(partsOf(template));
  return found;
}

/** The names a template reads, plain placeholders and plural arguments alike, sorted and without repeats. */
export function parametersOf(template: string): string[] {
  const names = new Set<string>();
  const visit = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind === 'value') names.add(part.name);
      if (part.kind !== 'plural') continue;
      names.add(part.name);
      for (const form of part.forms.values()) visit(form);
    }
  };
  visit(partsOf(template));
  return [...names].sort();
}

/** Plain placeholders (`{name}`) only, where a plural argument is not one. */
export function plainPlaceholdersOf(template: string): string[] {
  const names = new Set<string>();
  const visit = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind === 'value') names.add(part.name);
      if (part.kind === 'plural') for (const form of part.forms.values()) visit(form);
    }
  };
  visit(partsOf(template));
  return [...names].sort();
}

const rulesByLocale = new Map<string, { plural: Intl.PluralRules; number: Intl.NumberFormat }>();

function rulesOf(locale: string) {
  let rules = rulesByLocale.get(locale);
  if (rules === undefined) {
    rules = { plural: new Intl.PluralRules(locale), number: new Intl.NumberFormat(locale) };
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/**
 * The message for `params` in `locale`. A missing placeholder stays visible as `{name}`, so the gap is noticed; a
 * plural whose parameter is missing or not a number takes its `other` form with the parameter as given.
 */
export function formatMessage(template: string, params: MessageParams | undefined, locale: string): string {
  const rules = rulesOf(locale);
  const render = (parts: Part[], count: number | string | undefined): string => {
    let out = '';
    for (const part of parts) {
      if (part.kind === 'text') out += part.text;
      else if (part.kind === 'number') out += typeof count === 'number' ? rules.number.format(count) : String(count);
      else if (part.kind === 'value') {
        const value = params?.[part.name];
        out += value === undefined ? `{${part.name}}` : String(value);
      } else {
        const value = params?.[part.name];
        const form =
          typeof value === 'number'
            ? (part.forms.get(`=${value}`) ?? part.forms.get(rules.plural.select(value)) ?? part.forms.get('other'))
            : part.forms.get('other');
        out += render(form as Part[], value ?? `{${part.name}}`);
      }
    }
    return out;
  };
  return render(partsOf(template), undefined);
}

/** A catalogue's translator: a template with no `{` is returned as it is, the rest go through `formatMessage`. */
export function templateTranslator<K extends string>(
  catalog: Record<K, string>,
  locale: string,
): (key: K, params?: MessageParams) => string {
  return (key, params) => {
    const template = catalog[key];
    return template.includes('{') ? formatMessage(template, params, locale) : template;
  };
}
