import { describe, expect, it } from 'vitest';
import { errorFields } from '../../src/app/error-fields.js';

describe('errorFields', () => {
  it('names an error by class and code, never by its message (it may carry values)', () => {
    const busy = Object.assign(new Error("database is locked: INSERT … VALUES ('Jansen')"), { code: 'SQLITE_BUSY' });
    expect(errorFields(busy)).toEqual({ name: 'Error', code: 'SQLITE_BUSY' });
    expect(JSON.stringify(errorFields(busy))).not.toContain('Jansen');
  });

  it('copes with anything thrown', () => {
    expect(errorFields(undefined)).toEqual({ name: undefined, code: undefined });
    expect(errorFields('kapot')).toEqual({ name: undefined, code: undefined });
    expect(errorFields({ name: 5, code: 7 })).toEqual({ name: undefined, code: 7 });
  });
});
