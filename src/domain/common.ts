import { z } from 'zod';
import { isValidIsoDate } from '../../scoring/dates.ts';
import { isInDenmark, lookupKommune, lookupPostalCode, normaliseKommunekode } from '../geo/postnumre.ts';
import {
  CONTROL_CHARACTERS_MESSAGE,
  CPR_IN_ID_MESSAGE,
  hasControlCharacters,
  isCprFree,
  redactedText,
} from './text.ts';

export const isoDate = z
  .string()
  .refine(isValidIsoDate, { message: 'must be a real date written YYYY-MM-DD' })
  .meta({ format: 'date', example: '2026-01-15' });

export const dateRange = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] });

export const jobcenterId = z
  .string()
  .trim()
  .regex(/^\d{3,4}$/, 'must be a kommunekode, e.g. "751" (Aarhus)')
  .transform(normaliseKommunekode)
  .refine((id) => lookupKommune(id) !== undefined, { message: 'is not a known kommunekode' })
  .meta({ example: '751' });

export const postalCode = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'must be a 4-digit postnummer')
  .refine((code) => lookupPostalCode(code) !== undefined, { message: 'is not a known Danish postnummer' })
  .meta({ example: '8210' });

export const geoPoint = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .refine((p) => isInDenmark(p.lat, p.lon), { message: 'lies outside Denmark (is lat/lon swapped?)' });
export type GeoPoint = z.infer<typeof geoPoint>;

export const externalId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((id) => !hasControlCharacters(id), { message: CONTROL_CHARACTERS_MESSAGE })
  .refine(isCprFree, { message: CPR_IN_ID_MESSAGE });

export const shortText = redactedText({ max: 500 });
export const stringList = z.array(shortText).max(500).default([]);

export type LocationSource = 'location' | 'postalCode';

/**
 * Where a record is: an explicit location wins over the postnummer's centroid, for candidates and job orders
 * alike: integrators rely on it.
 * The schema guarantees one of them is present and the postnummer is known.
 */
export function resolveLocation(postal: string | undefined, location: GeoPoint | undefined) {
  if (location) return { location, locationSource: 'location' as LocationSource };
  const area = lookupPostalCode(postal!)!;
  return { location: { lat: area.lat, lon: area.lon }, locationSource: 'postalCode' as LocationSource };
}

export function requirePostalCodeOrLocation(
  value: { postalCode?: string | undefined; location?: GeoPoint | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.postalCode === undefined && value.location === undefined) {
    ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'postalCode or location is required' });
  }
}
