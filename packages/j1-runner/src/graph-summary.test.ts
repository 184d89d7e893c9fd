import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeGraph } from './graph-summary';

function write(dir: string, rel: string, data: unknown) {
  const path = join(dir, 'graph', rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(data));
}

describe('summarizeGraph', () => {
  it('counts by _type and resolves edge endpoints whatever order the files come in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-summary-'));
    // "a-step" sorts before "b-step": its relationships are listed before b-step's entities.
    write(dir, 'a-step/relationships/1.json', {
      relationships: [
        { _type: 'x_device_has_app', _class: 'HAS', _fromEntityKey: 'd1', _toEntityKey: 'a1' },
        { _type: 'x_device_has_app', _class: 'HAS', _fromEntityKey: 'd2', _toEntityKey: 'a1' },
        { _type: 'x_device_has_app', _class: 'HAS', _fromEntityKey: 'd2', _toEntityKey: 'gone' },
        {
          _type: 'x_user_is_employee',
          _class: 'IS',
          _mapping: { sourceEntityKey: 'u1', targetEntity: { _type: 'employee' } },
        },
      ],
    });
    write(dir, 'b-step/entities/1.json', {
      entities: [
        { _type: 'x_device', _key: 'd1', _rawData: [{ name: 'default', rawData: { secret: 1 } }] },
        { _type: 'x_device', _key: 'd2' },
        { _type: 'x_app', _key: 'a1' },
        { _type: 'x_user', _key: 'u1' },
      ],
    });
    const s = await summarizeGraph(dir, 1);
    expect(s.entities).toEqual({ x_device: 2, x_app: 1, x_user: 1 });
    expect(s.relationships).toEqual({ x_device_has_app: 3, x_user_is_employee: 1 });
    expect(s.totalEntities).toBe(4);
    expect(s.totalRelationships).toBe(4);
    expect(s.edges).toEqual(
      expect.arrayContaining([
        {
          fromType: 'x_device',
          relClass: 'HAS',
          toType: 'x_app',
          relType: 'x_device_has_app',
          count: 2,
        },
        {
          fromType: 'x_device',
          relClass: 'HAS',
          toType: 'unknown',
          relType: 'x_device_has_app',
          count: 1,
        },
        {
          fromType: 'x_user',
          relClass: 'IS',
          toType: 'employee',
          relType: 'x_user_is_employee',
          count: 1,
        },
      ]),
    );
    expect(s.edges).toHaveLength(3);
    expect(s.samples.x_device).toEqual([{ _type: 'x_device', _key: 'd1' }]);
  });

  it('summarizes an empty or missing graph folder as nothing', async () => {
    const s = await summarizeGraph(join(tmpdir(), 'no-such-graph-dir-xyz'));
    expect(s).toMatchObject({ totalEntities: 0, totalRelationships: 0, edges: [] });
  });
});
