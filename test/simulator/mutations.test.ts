import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { get, rows } from './sim-client.js';

type Row = Record<string, unknown>;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, scale: 30 });
});
afterAll(async () => {
  await sim.close();
});

test('v1 and v2 *Fields list the same custom keys and option ids, matching the payload encodings', async () => {
  const v2Fields = rows<Row>((await get<Row>(sim, '/api/v2/dealFields?limit=500')).body).filter(
    (f) => f.is_custom_field,
  );
  const v1Fields = rows<Row>((await get<Row>(sim, '/api/v1/dealFields?limit=500')).body).filter(
    (f) => f.edit_flag,
  );
  expect(v2Fields.map((f) => f.field_code)).toEqual(v1Fields.map((f) => f.key));
  expect(new Set(v2Fields.map((f) => f.field_type))).toEqual(
    new Set([
      'varchar',
      'varchar_auto',
      'text',
      'double',
      'monetary',
      'enum',
      'set',
      'user',
      'org',
      'people',
      'phone',
      'date',
      'daterange',
      'time',
      'timerange',
      'address',
    ]),
  );
  const enumField = v2Fields.find((f) => f.field_type === 'enum')!;
  const v1Enum = v1Fields.find((f) => f.key === enumField.field_code)!;
  expect((enumField.options as Row[]).map((o) => o.id)).toEqual((v1Enum.options as Row[]).map((o) => o.id));

  const key = String(enumField.field_code);
  const monetary = String(v2Fields.find((f) => f.field_type === 'monetary')!.field_code);
  const v2Deals = rows<Row>((await get<Row>(sim, '/api/v2/deals?limit=30')).body);
  const v1Deals = rows<Row>((await get<Row>(sim, '/api/v1/deals?limit=30')).body);
  for (const [i, deal] of v2Deals.entries()) {
    const custom = deal.custom_fields as Row;
    const v1 = v1Deals[i]!;
    expect(v1.id).toBe(deal.id);
    expect(v1[key]).toBe(custom[key] === null ? null : String(custom[key]));
    const money = custom[monetary] as { value: number; currency: string } | null;
    expect([v1[monetary], v1[`${monetary}_currency`]]).toEqual(
      money === null ? [null, null] : [money.value, money.currency],
    );
  }
});

test('a record update through the world is visible in both versions with a newer update_time', async () => {
  const before = (await get<Row>(sim, '/api/v2/deals/7')).body.data as Row;
  sim.clock.advance(5_000);
  sim.world.update('deals', 7, { title: 'Renamed deal', value: 4242 });
  const v2 = (await get<Row>(sim, '/api/v2/deals/7')).body.data as Row;
  const v1 = (await get<Row>(sim, '/api/v1/deals/7')).body.data as Row;
  expect([v2.title, v2.value, v1.title, v1.value]).toEqual(['Renamed deal', 4242, 'Renamed deal', 4242]);
  expect(String(v2.update_time) > String(before.update_time)).toBe(true);
  expect(v1.update_time).toBe(String(v2.update_time).replace('T', ' ').replace('Z', ''));
});

test('created, archived and deleted deals land on the right endpoints', async () => {
  const created = sim.world.create('deals', { title: 'Brand new' });
  const v2 = await get<Row>(sim, `/api/v2/deals?ids=${created.id}`);
  expect(rows(v2.body).map((d) => d.title)).toEqual(['Brand new']);
  sim.world.archive('deals', created.id);
  expect(rows((await get<Row>(sim, `/api/v2/deals?ids=${created.id}`)).body)).toEqual([]);
  expect(
    rows((await get<Row>(sim, `/api/v2/deals/archived?ids=${created.id}`)).body).map((d) => d.id),
  ).toEqual([created.id]);
});

test('custom field add, rename, option changes and delete show in fields endpoints and payloads of both versions', async () => {
  const field = sim.world.addField('person', 'Tier', 'enum', ['Gold', 'Silver']);
  const gold = field.options![0]!.id;
  sim.world.update('persons', 2, { custom: { [field.key]: gold } });
  const v2 = (await get<Row>(sim, '/api/v2/persons/2')).body.data as Row;
  const v1 = (await get<Row>(sim, '/api/v1/persons/2')).body.data as Row;
  expect((v2.custom_fields as Row)[field.key]).toBe(gold);
  expect(v1[field.key]).toBe(String(gold));
  const untouched = (await get<Row>(sim, '/api/v2/persons/3')).body.data as Row;
  expect((untouched.custom_fields as Row)[field.key]).toBeNull();

  sim.world.renameField('person', field.key, 'Customer tier');
  sim.world.renameFieldOption('person', field.key, gold, 'Platinum');
  const platinum = (await get<Row>(sim, `/api/v2/personFields/${field.key}`)).body.data as Row;
  expect(platinum).toMatchObject({
    field_name: 'Customer tier',
    options: [expect.objectContaining({ id: gold, label: 'Platinum' }), expect.anything()],
  });
  const labelled = (await get<Row>(sim, '/api/v2/persons/2?include_option_labels=true')).body.data as Row;
  expect((labelled.custom_fields as Row)[field.key]).toEqual({ id: gold, label: 'Platinum' });

  sim.world.deleteFieldOption('person', field.key, gold);
  expect(((await get<Row>(sim, '/api/v2/persons/2')).body.data as Row).custom_fields).toMatchObject({
    [field.key]: null,
  });
  sim.world.deleteField('person', field.key);
  const v1Fields = rows<Row>((await get<Row>(sim, '/api/v1/personFields?limit=500')).body);
  expect(v1Fields.map((f) => f.key)).not.toContain(field.key);
  expect(Object.keys((await get<Row>(sim, '/api/v1/persons/2')).body.data as Row)).not.toContain(field.key);
});
