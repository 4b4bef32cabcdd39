// Project names: v2 normalizes a derived name and requires an explicit one to be normalized
// already; v1 lower-cases and drops everything but letters, digits, - and _.
import { describe, expect, it } from 'vitest';
import { normalizeProjectName, v1ProjectName, validProjectName } from '../../src/project/name.js';

describe('project names', () => {
  it.each([
    // [raw, v2 normalized, valid as given, v1]
    ['shop', 'shop', true, 'shop'],
    ['My.Shop', 'myshop', false, 'myshop'],
    ['my-shop_1', 'my-shop_1', true, 'my-shop_1'],
    ['_-shop', 'shop', false, '_-shop'],
    ['Ünïcode app', 'ncodeapp', false, 'ncodeapp'],
    ['', '', false, ''],
  ])('%j', (raw, v2, valid, v1) => {
    expect([normalizeProjectName(raw), validProjectName(raw), v1ProjectName(raw)]).toEqual([v2, valid, v1]);
  });
});
