import { describe, expect, it } from 'vitest';
import { valuesWithMarkers } from '../../../common/templates/field-markers';

const variables = [
  { name: 'customer.first_name', label: 'Customer first name', defaultValue: null },
  { name: 'order.number', label: 'Order number', defaultValue: null },
  { name: 'sign_off', label: 'Sign off', defaultValue: 'Kind regards' },
];

describe('valuesWithMarkers (the live preview and a copied template)', () => {
  it('marks every unfilled field and uses the template defaults when nothing is typed', () => {
    expect(valuesWithMarkers(variables)).toEqual({
      'customer.first_name': '[Customer first name]',
      'order.number': '[Order number]',
      sign_off: 'Kind regards',
    });
  });

  it('keeps what the agent typed, and treats blank input as not typed', () => {
    expect(valuesWithMarkers(variables, { 'customer.first_name': 'Ana', 'order.number': '  ', sign_off: 'Cheers' })).toEqual({
      'customer.first_name': 'Ana',
      'order.number': '[Order number]',
      sign_off: 'Cheers',
    });
    expect(valuesWithMarkers(variables, { sign_off: ' ' })).toMatchObject({ sign_off: 'Kind regards' });
  });
});
