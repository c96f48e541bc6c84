import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { optionFor, type PropertyTarget } from '../../lib/crm/adapter';
import { contactByEmail, type ContactMatch, knownCampaigns, knownSources } from '../../lib/db/contacts';
import { database } from '../../lib/db/db';
import type { MessageKey, Translate } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import { readClues } from '../../lib/settings/tagger-clues';
import type { PageClues } from '../../lib/tagging/read-page';
import { type FieldError, type TagField, validateTag } from '../../lib/tagging/tag-input';
import { useDebounced } from './useDebounced';

type Errors = Partial<Record<TagField | 'create', string>>;

/**
 * The tag being made in the tagger window: filled from the page's clues, checked field by field, and handed to the
 * background's outbox. Source and campaign stay filled after a tag, so a marketer tagging a webinar's attendees only
 * picks the next address.
 */
export function useTagDraft(cluesId: string, t: Translate) {
  const [clues, setClues] = useState<PageClues>();
  const [email, setEmail] = useState('');
  const [source, setSource] = useState('');
  const [campaign, setCampaign] = useState('');
  const [url, setUrl] = useState('');
  const [create, setCreate] = useState(false);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [known, setKnown] = useState<ContactMatch | null>();
  const [sources, setSources] = useState<string[]>([]);
  const [campaigns, setCampaigns] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [connected, setConnected] = useState(true);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<PropertyTarget>();

  useEffect(() => {
    void readClues(cluesId).then((found) => {
      setClues(found);
      if (!found) return;
      setUrl(found.url);
      if (found.utm.utm_source) setSource(found.utm.utm_source);
      if (found.utm.utm_campaign) setCampaign(found.utm.utm_campaign);
      if (found.addresses.length === 1) setEmail(found.addresses[0] ?? '');
    });
    void callBackground('taggingSettings', {})
      .then((reply) => setTarget(reply.target))
      .catch(() => undefined);
    void callBackground('connectionStatus', {})
      .then((reply) => setConnected(reply.connected))
      .catch(() => setConnected(false));
    const db = database();
    void knownSources(db)
      .then(setSources)
      .catch(() => undefined);
    void knownCampaigns(db)
      .then(setCampaigns)
      .catch(() => undefined);
  }, [cluesId]);

  const debouncedEmail = useDebounced(email, 120);
  useEffect(() => {
    let live = true;
    const address = debouncedEmail.trim();
    if (!address.includes('@')) {
      setKnown(undefined);
      return;
    }
    void contactByEmail(database(), address)
      .then((found) => live && setKnown(found ?? null))
      .catch(() => live && setKnown(null));
    return () => {
      live = false;
    };
  }, [debouncedEmail]);

  // With a dropdown property as the target, its options are the only sources it accepts.
  const sourceSuggestions = useMemo(
    () =>
      target?.options
        ? target.options.map((option) => option.label)
        : [...new Set([clues?.utm.utm_source, clues?.referrer, ...sources].filter((value) => value !== undefined))],
    [clues, sources, target],
  );
  const campaignSuggestions = useMemo(
    () => [...new Set([clues?.utm.utm_campaign, ...campaigns].filter((value) => value !== undefined))],
    [clues, campaigns],
  );

  const message = (error: FieldError) => t(`tagger.error.${error.problem}` as MessageKey);
  const creating = known === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(undefined);
    const name =
      creating && create
        ? [firstName, lastName]
            .map((part) => part.trim())
            .filter(Boolean)
            .join(' ')
        : '';
    const checked = validateTag({ email, source, campaign, url, ...(name ? { name } : {}) });
    const next: Errors = {};
    if (!checked.ok) for (const error of checked.errors) next[error.field] ??= message(error);
    if (creating && !create) next.create = t('tagger.confirmCreate');
    if (!next.source && target?.options && source.trim() !== '' && optionFor(target, source) === undefined) {
      next.source = t('tagger.error.notAnOption', {
        label: target.label,
        options: target.options.map((option) => option.label).join(', '),
      });
    }
    if (creating && create) {
      for (const [field, value] of [
        ['name', firstName],
        ['name', lastName],
      ] as const) {
        const problem = validateTag({ email: 'a@b.co', source: 'x', campaign: '', url: '', name: value }).ok;
        if (!problem) next[field] ??= t('tagger.error.markup');
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const reply = await callBackground('enqueueTag', {
        email,
        source,
        ...(campaign.trim() ? { campaign } : {}),
        ...(url.trim() ? { url } : {}),
        ...(creating && create
          ? { create: { ...(firstName.trim() ? { firstName } : {}), ...(lastName.trim() ? { lastName } : {}) } }
          : {}),
      });
      if (!reply.ok) {
        const fromBackground: Errors = {};
        for (const error of reply.errors)
          fromBackground[error.field as TagField] ??= t(`tagger.error.${error.problem}` as MessageKey);
        setErrors(fromBackground);
        return;
      }
      setStatus({ ok: true, text: t('tagger.queued', { email: email.trim().toLowerCase() }) });
      setEmail('');
      setCreate(false);
      setFirstName('');
      setLastName('');
    } catch (error) {
      setStatus({
        ok: false,
        text: t('tagger.error.failed', { message: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return {
    clues,
    connected,
    target,
    email,
    setEmail,
    source,
    setSource,
    campaign,
    setCampaign,
    url,
    setUrl,
    create,
    setCreate,
    firstName,
    setFirstName,
    lastName,
    setLastName,
    known,
    creating,
    sourceSuggestions,
    campaignSuggestions,
    errors,
    status,
    busy,
    submit,
  };
}

export type TagDraft = ReturnType<typeof useTagDraft>;
