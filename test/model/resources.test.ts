import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/model/facts/resources.js';
import { modelOf } from '../helpers/model.js';

describe('parseQuantity', () => {
  it.each([
    ['2000m', 2],
    ['2', 2],
    [2, 2],
    [0.5, 0.5],
    ['.5', 0.5],
    ['8Gi', 8 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1G', 1e9],
    ['1E', 1e18],
    ['100k', 1e5],
    ['250u', 250e-6],
    ['+1Ki', 1024],
  ])('reads %j as %d', (text, amount) => {
    expect(parseQuantity(text)).toBeCloseTo(amount, 12);
  });

  it('reads millicores exactly as the decimal they stand for', () => {
    expect(parseQuantity('700m')).toBe(parseQuantity('0.7'));
    expect(parseQuantity('300m')).toBe(0.3);
  });

  it.each(['8GB', '512mi', '2 cores', '-1', -2, '1.5.2', '', 'Gi', ' 2', true, null, '1e'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('serverResources', () => {
  it('reads each request and limit with its amount, keeping unreadable ones with no amount', async () => {
    const model = await modelOf(`
      server:
        resources:
          requests: {memory: 8Gi, cpu: 2000m}
          limits: {memory: 16GB, cpu: null}
    `);
    const { requests, limits } = model.serverResources;
    expect(requests.memory).toMatchObject({ amount: 8 * 2 ** 30, text: '8Gi' });
    expect(requests.cpu).toMatchObject({ amount: 2, text: '2000m' });
    expect(limits.memory).toMatchObject({ amount: undefined, text: '16GB' });
    expect(limits.cpu).toBeUndefined();
  });

  it('has nothing when the chart default {} applies', async () => {
    const model = await modelOf('server: {ha: {enabled: true}}');
    expect(model.serverResources.node?.isUserSet).toBe(false);
    expect(model.serverResources.requests).toEqual({});
  });
});
