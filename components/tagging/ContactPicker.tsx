import { useEffect, useState } from 'react';
import { type ContactMatch, searchContacts } from '../../lib/db/contacts';
import { database } from '../../lib/db/db';
import type { Translate } from '../../lib/i18n';
import { useDebounced } from './useDebounced';

/** Finds a contact in the cache by name or address; picking one puts its address in the form. */
export function ContactPicker({ id, t, onPick }: { id: string; t: Translate; onPick(email: string): void }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ContactMatch[]>([]);

  const debouncedQuery = useDebounced(query, 150);
  useEffect(() => {
    let live = true;
    void searchContacts(database(), debouncedQuery)
      .then((found) => live && setMatches(found))
      .catch(() => live && setMatches([]));
    return () => {
      live = false;
    };
  }, [debouncedQuery]);

  return (
    <div className="ll-field">
      <label htmlFor={id}>{t('tagger.find')}</label>
      <input
        id={id}
        type="search"
        value={query}
        data-testid="tagger-find"
        aria-describedby={`${id}-hint`}
        onChange={(event) => setQuery(event.target.value)}
      />
      <span className="ll-muted" id={`${id}-hint`}>
        {t('tagger.findHint')}
      </span>
      {debouncedQuery.trim().length >= 2 && (
        <ul className="ll-matches" data-testid="tagger-matches">
          {matches.length === 0 && <li className="ll-muted">{t('tagger.noResults')}</li>}
          {matches.map((contact) => (
            <li key={contact.id}>
              <button
                type="button"
                className="ll-secondary"
                data-testid="tagger-match"
                onClick={() => {
                  onPick(contact.email);
                  setQuery('');
                }}
              >
                <bdi>{contact.name || contact.email}</bdi> · <bdi dir="ltr">{contact.email}</bdi>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
