// mapGoogleEvent remembers which zone names are valid (checking one costs a luxon DateTime, three times per
// event of a listing); the answers must stay those of an uncached check, for valid and invalid names alike.
import { expect, it } from 'vitest';
import { mapGoogleEvent } from '../../src/providers/google/map.js';

const allDay = (zone?: string) => ({ id: 'e1', summary: 'Offsite', start: { date: '2025-01-02', ...(zone ? { timeZone: zone } : {}) }, end: { date: '2025-01-03' } });

it('reads all-day dates in the value\'s zone when valid, else the calendar\'s, on every call', () => {
  for (let i = 0; i < 3; i++) {
    expect(mapGoogleEvent(allDay('America/New_York'), 'Europe/Paris')!.startTime.toISOString()).toBe('2025-01-02T05:00:00.000Z');
    expect(mapGoogleEvent(allDay('Not/AZone'), 'Europe/Paris')!.startTime.toISOString()).toBe('2025-01-01T23:00:00.000Z');
    expect(mapGoogleEvent(allDay(), 'Not/AZone')!.startTime.toISOString()).toBe('2025-01-02T00:00:00.000Z');
  }
});
