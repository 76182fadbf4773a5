/** Great-circle distance and the distance component of the score. Pure. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Radius {
  /** Full score up to here. */
  full: number;
  /** Score falls linearly to 0 here; beyond it the candidate is out. */
  max: number;
}

/** 1 within `full`, linear down to 0 at `max`, 0 beyond. A zero-width band (full == max) is a step. */
export function distanceScore(km: number, radius: Radius): number {
  if (km <= radius.full) return 1;
  if (km >= radius.max) return 0;
  return (radius.max - km) / (radius.max - radius.full);
}

/** Degrees of latitude/longitude that cover `km` around `lat`: bounding boxes for geo pre-filtering. */
export function kmToDegrees(km: number, lat: number): { dLat: number; dLon: number } {
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.max(0.01, Math.cos(lat * RAD)));
  return { dLat, dLon };
}
