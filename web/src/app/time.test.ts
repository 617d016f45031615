// @vitest-environment node
import { expect, test, vi } from 'vitest';
import { addDays, localDate, localTime, longDate, monthGrid, monthOf, seatsLeft, timeRange, wallRange, weekdayNames } from './time';

test('an instant is read in the zone asked for, across a date line', () => {
  const instant = '2026-12-01T23:30:00Z';
  expect(localDate(instant, 'UTC')).toBe('2026-12-01');
  expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2026-12-02');
  expect(localDate(instant, 'Pacific/Pago_Pago')).toBe('2026-12-01');
  expect(localTime(instant, 'Asia/Kolkata')).toBe('05:00');
  expect(timeRange('2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', 'Europe/London')).toBe('00:30–02:30');
});

test('a month grid starts on Monday and holds whole weeks', () => {
  const grid = monthGrid('2026-12-01');
  expect(grid.slice(0, 2)).toEqual([null, '2026-12-01']); // 1 December 2026 is a Tuesday
  expect(grid.length % 7).toBe(0);
  expect(grid.filter(Boolean)).toHaveLength(31);
  expect(monthGrid('2027-02-01').filter(Boolean)).toHaveLength(28);
});

test('months and days move across year ends and leap days', () => {
  expect(monthOf('2026-12-31', 1)).toBe('2027-01-01');
  expect(monthOf('2027-01-15', -1)).toBe('2026-12-01');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
});

test('seats read like a person says them', () => {
  expect(seatsLeft(1, 1)).toBe('Available');
  expect(seatsLeft(1, 3)).toBe('1 seat left');
  expect(seatsLeft(2, 3)).toBe('2 seats left');
});

test("dates and times are written in the browser's language", () => {
  expect(wallRange('09:00', '13:30')).toBe('09:00–13:30');
  expect(longDate('2026-12-15')).toBe('Tuesday, 15 December 2026');
  expect(weekdayNames()[0]).toEqual({ short: 'Mon', long: 'Monday' });

  vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' });
  expect(wallRange('09:00', '13:30')).toMatch(/^9:00\sAM–1:30\sPM$/);
  expect(timeRange('2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', 'Europe/London')).toMatch(/^12:30\sAM–2:30\sAM$/);
  expect(longDate('2026-12-15')).toBe('Tuesday, December 15, 2026');
  vi.stubGlobal('navigator', { languages: ['de-DE'], language: 'de-DE' });
  expect(longDate('2026-12-15')).toBe('Dienstag, 15. Dezember 2026');
  expect(weekdayNames()[6]!.long).toBe('Sonntag');
});
