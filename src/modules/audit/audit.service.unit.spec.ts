import { asChanges } from './audit.service';

describe('audit trail', () => {
  it('shows a created record as changes from nothing and a deleted one as changes to nothing', () => {
    expect(asChanges('CREATE', { name: 'Ville', kind: 'MUNICIPALITY' })).toEqual({ name: { old: null, new: 'Ville' }, kind: { old: null, new: 'MUNICIPALITY' } });
    expect(asChanges('DELETE', { name: 'Ville' })).toEqual({ name: { old: 'Ville', new: null } });
  });

  it('keeps the field-by-field changes of an update as stored', () => {
    const stored = { hours_worked: { old: 151.67, new: 100 } };
    expect(asChanges('UPDATE', stored)).toBe(stored);
  });
});
