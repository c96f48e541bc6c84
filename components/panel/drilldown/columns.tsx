import type { MessageKey, Translate } from '../../../lib/i18n';
import { crmLabel } from '../../../lib/i18n/crm-labels';
import { type DrilldownDealRow, type DrilldownLeadRow, hubspotLink } from '../../../lib/panel/drilldown';
import type { Formatters } from '../../../lib/panel/format';
import type { PortalModel } from '../../../lib/panel/view-model';
import type { ListColumn } from './VirtualList';

// The drill-down's columns. Names, e-mails and ids are CRM text: React renders them as text, never as markup, and a
// link's address is built by `recordUrl` on a checked HubSpot host.

interface Context {
  f: Formatters;
  t: Translate;
  portal: PortalModel;
  ownerName(id: string | null): string;
}

function RecordLink({ href, name, t }: { href: string | null; name: string; t: Translate }) {
  if (href === null) return <span>{name}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={t('panel.drilldown.link', { name })}>
      {name}
    </a>
  );
}

export function leadColumns({ f, t, portal, ownerName }: Context): Array<ListColumn<DrilldownLeadRow>> {
  return [
    {
      key: 'name',
      header: t('panel.drilldown.name'),
      track: 'minmax(9rem, 2fr)',
      cell: (row) => (
        <RecordLink href={hubspotLink(portal, 'contact', row.id)} name={row.name || row.email || row.id} t={t} />
      ),
    },
    {
      key: 'created',
      header: t('panel.drilldown.created'),
      track: 'minmax(6rem, 1fr)',
      cell: (row) => f.date(row.createdAt),
    },
    { key: 'owner', header: t('panel.csv.rep'), track: 'minmax(7rem, 1fr)', cell: (row) => ownerName(row.owner) },
    {
      key: 'source',
      header: t('panel.csv.source'),
      track: 'minmax(7rem, 1fr)',
      cell: (row) => crmLabel('source', row.groupSource, t),
    },
    {
      key: 'response',
      header: t('panel.drilldown.response'),
      track: 'minmax(5rem, 1fr)',
      cell: (row) => (row.responseMinutes === null ? '—' : f.minutes(row.responseMinutes)),
    },
    {
      key: 'sla',
      header: t('panel.drilldown.slaOutcome'),
      track: 'minmax(5rem, 1fr)',
      cell: (row) => t(`panel.drilldown.sla.${row.slaOutcome}` as MessageKey),
    },
    {
      key: 'step',
      header: t('panel.drilldown.step'),
      track: 'minmax(6rem, 1fr)',
      cell: (row) => t(`panel.funnel.step.${row.funnelStep}` as MessageKey),
    },
  ];
}

export function dealColumns({ f, t, portal, ownerName }: Context): Array<ListColumn<DrilldownDealRow>> {
  return [
    {
      key: 'deal',
      header: t('panel.drilldown.deal'),
      track: 'minmax(7rem, 1fr)',
      cell: (row) => <RecordLink href={hubspotLink(portal, 'deal', row.id)} name={row.id} t={t} />,
    },
    {
      key: 'amount',
      header: t('panel.drilldown.amount'),
      track: 'minmax(6rem, 1fr)',
      cell: (row) => f.money(row.amount),
    },
    {
      key: 'close',
      header: t('panel.drilldown.closeDate'),
      track: 'minmax(6rem, 1fr)',
      cell: (row) => f.date(row.closeDate),
    },
    {
      key: 'cycle',
      header: t('panel.drilldown.cycle'),
      track: 'minmax(5rem, 1fr)',
      cell: (row) => f.days(row.cycleDays),
    },
    {
      key: 'lead',
      header: t('panel.drilldown.primaryLead'),
      track: 'minmax(9rem, 2fr)',
      cell: (row) =>
        row.primaryLead === null ? (
          '—'
        ) : (
          <RecordLink
            href={hubspotLink(portal, 'contact', row.primaryLead)}
            name={row.primaryLeadName || row.primaryLead}
            t={t}
          />
        ),
    },
    { key: 'owner', header: t('panel.csv.rep'), track: 'minmax(7rem, 1fr)', cell: (row) => ownerName(row.owner) },
  ];
}
