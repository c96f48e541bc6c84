// The portal generates and serves the owner assignment date (`hubspot_owner_assigneddate`) and the deals' per-stage
// entry dates (`hs_v2_date_entered_<stageId>`) as HubSpot does: properties asked for by name, the per-stage names
// taken from the pipelines, in list pages and search results alike, stamped again by later writes.
import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePortal } from '../../fake-hubspot/generate.ts';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';
const DAY = 86_400_000;

describe('owner assignment and deal stage dates', () => {
  let portal: RunningPortal;
  let client: Client;
  beforeAll(async () => {
    portal = await startPortal({ contacts: 400, seed: 4, asOf: AS_OF, rate: '100000/10s', searchRate: '1000/1s' });
    client = new Client({ accessToken: portal.token, basePath: portal.httpUrl, numberOfApiCallRetries: 0 });
  });
  afterAll(async () => {
    await portal.close();
  });

  it('gives owned contacts an assignment date, mostly at routing time and sometimes a later re-assignment', async () => {
    const contacts = await client.crm.contacts.getAll(100, undefined, [
      'hubspot_owner_id',
      'hubspot_owner_assigneddate',
      'createdate',
    ]);
    let routed = 0;
    let reassigned = 0;
    // The one garbled date the generator plants on purpose (truth.malformed) is not a date.
    const garbled = new Set(
      portal.truth.malformed
        .filter((entry) => entry.property === 'hubspot_owner_assigneddate')
        .map((entry) => entry.id),
    );
    expect(garbled.size).toBe(1);
    for (const contact of contacts) {
      const p = contact.properties;
      if (garbled.has(contact.id)) {
        expect(p.hubspot_owner_assigneddate).toBe('last Tuesday');
        continue;
      }
      if (!p.hubspot_owner_id) {
        expect(p.hubspot_owner_assigneddate).toBeNull();
        continue;
      }
      const assigned = Date.parse(p.hubspot_owner_assigneddate ?? '');
      const created = Date.parse(p.createdate ?? '');
      expect(assigned).toBeGreaterThanOrEqual(created);
      expect(assigned).toBeLessThanOrEqual(Date.parse(AS_OF));
      if (assigned - created < DAY) routed++;
      else reassigned++;
    }
    expect(routed).toBeGreaterThan(reassigned);
    expect(reassigned).toBeGreaterThan(0);
    // Not asked for, not sent (HubSpot's default property set has no such date).
    const plain = await client.crm.contacts.basicApi.getPage(1);
    expect(plain.results[0]?.properties).not.toHaveProperty('hubspot_owner_assigneddate');
  });

  it('serves one entry date per stage the deal went through, by the names the pipelines give', async () => {
    const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
    const stages = pipelines.results.flatMap((pipeline) => pipeline.stages);
    const names = stages.map((stage) => `hs_v2_date_entered_${stage.id}`);
    const byId = new Map(stages.map((stage) => [stage.id, stage]));
    const deals = await client.crm.deals.getAll(100, undefined, ['dealstage', 'pipeline', 'createdate', ...names]);
    expect(deals.length).toBeGreaterThan(20);
    let skipped = 0;
    let lostWithDates = 0;
    for (const deal of deals) {
      const p = deal.properties;
      // Every stage's property is named in the answer: null where the deal never entered it.
      for (const name of names) expect(p).toHaveProperty(name);
      const current = p.dealstage ?? '';
      const entered = Date.parse(p[`hs_v2_date_entered_${current}`] ?? '');
      expect(entered).toBeGreaterThanOrEqual(Date.parse(p.createdate ?? ''));
      const pipeline = pipelines.results.find((candidate) => candidate.id === p.pipeline);
      const order = pipeline?.stages.map((stage) => stage.id) ?? [];
      const dated = order.filter((stageId) => p[`hs_v2_date_entered_${stageId}`]);
      // Stages of another pipeline are never dated.
      const others = stages.filter((stage) => !order.includes(stage.id));
      for (const stage of others) expect(p[`hs_v2_date_entered_${stage.id}`]).toBeNull();
      const openDated = dated.filter((stageId) => byId.get(stageId)?.metadata?.isClosed === 'false');
      const lastOpen = openDated[openDated.length - 1];
      const reachedIndex = lastOpen === undefined ? -1 : order.indexOf(lastOpen);
      if (openDated.length < reachedIndex + 1) skipped++;
      const stage = byId.get(current);
      if (stage?.metadata?.isClosed === 'true' && stage.metadata.probability === '0.0' && openDated.length > 0)
        lostWithDates++;
    }
    expect(skipped).toBeGreaterThan(0);
    expect(lostWithDates).toBeGreaterThan(0);
  });

  it('carries the same dates in search results', async () => {
    const stageIds = (await client.crm.pipelines.pipelinesApi.getAll('deals')).results.flatMap((pipeline) =>
      pipeline.stages.map((stage) => stage.id),
    );
    const names = stageIds.map((stageId) => `hs_v2_date_entered_${stageId}`);
    const listed = await client.crm.deals.basicApi.getPage(20, undefined, names);
    const found = await client.crm.deals.searchApi.doSearch({
      filterGroups: [],
      sorts: ['hs_object_id'],
      properties: names,
      limit: 20,
      after: '0',
    });
    const listedById = new Map(listed.results.map((deal) => [deal.id, deal.properties]));
    expect(found.results.length).toBe(20);
    for (const deal of found.results) {
      const same = listedById.get(deal.id);
      if (!same) continue;
      for (const name of names) expect(deal.properties[name] ?? null).toBe(same[name] ?? null);
    }
    const contacts = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'hubspot_owner_assigneddate', operator: FilterOperatorEnum.HasProperty }] },
      ],
      sorts: ['hs_object_id'],
      properties: ['hubspot_owner_assigneddate'],
      limit: 10,
      after: '0',
    });
    expect(contacts.results.length).toBe(10);
    for (const contact of contacts.results)
      expect(Number.isFinite(Date.parse(contact.properties.hubspot_owner_assigneddate ?? ''))).toBe(true);
  });

  it('stamps a stage entered and an owner assigned later, as HubSpot does', async () => {
    const owners = portal.admin.store.owners.filter((owner) => owner.type === 'PERSON');
    const lead = portal.admin.createLead({ ownerId: owners[0]?.id ?? '' });
    const stored = portal.admin.store.get('contacts', Number(lead.id));
    if (!stored) throw new Error('no lead');
    expect(Date.parse(stored.props.hubspot_owner_assigneddate ?? '')).toBe(stored.createdAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A new owner through the API: the assignment date moves to the write.
    await client.crm.contacts.basicApi.update(lead.id, { properties: { hubspot_owner_id: owners[1]?.id ?? '' } });
    const reassigned = Date.parse(stored.props.hubspot_owner_assigneddate ?? '');
    expect(reassigned).toBeGreaterThan(stored.createdAt);
    expect(reassigned).toBeLessThanOrEqual(stored.updatedAt);

    const deal = portal.admin.store.list('deals').find((candidate) => candidate.props.hs_is_closed === 'false');
    if (!deal) throw new Error('no open deal');
    const pipeline = portal.admin.store.pipelines.find((candidate) => candidate.id === deal.props.pipeline);
    const won = pipeline?.stages.find((stage) => stage.metadata.probability === '1.0');
    if (!won) throw new Error('no won stage');
    expect(deal.props[`hs_v2_date_entered_${won.id}`] ?? null).toBeNull();
    portal.admin.moveStage(deal.id, won.id);
    // The portal's clock runs from asOf; the write's own stamp is its modification date, or just before it.
    const entered = Date.parse(deal.props[`hs_v2_date_entered_${won.id}`] ?? '');
    expect(entered).toBeGreaterThanOrEqual(Date.parse(AS_OF));
    expect(entered).toBeLessThanOrEqual(deal.updatedAt);
  });

  it('generates the same dates for the same seed', () => {
    const pick = (seed: number) => {
      const { store } = generatePortal({ seed, contacts: 120, asOf: AS_OF });
      return {
        assigned: store.list('contacts').map((contact) => contact.props.hubspot_owner_assigneddate ?? null),
        stages: store
          .list('deals')
          .map((deal) => Object.entries(deal.props).filter(([name]) => name.startsWith('hs_v2_date_entered_'))),
      };
    };
    expect(pick(9)).toEqual(pick(9));
    expect(pick(9)).not.toEqual(pick(10));
  });
});
