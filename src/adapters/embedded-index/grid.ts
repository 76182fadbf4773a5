import { kmToDegrees } from '../../../scoring/geo.ts';

/**
 * A fixed lat/lon grid over Denmark: a query visits only the cells its radius touches. Cells of 0.05° latitude
 * by 0.08° longitude are about 5.5 × 5 km at Danish latitudes, so a 25 km query reads roughly 100 cells.
 */
const CELL_LAT = 0.05;
const CELL_LON = 0.08;

export class GeoGrid {
  private readonly cells = new Map<number, number[]>();

  private static key(latCell: number, lonCell: number): number {
    // Offsets keep both parts positive for anywhere on Earth; the product fits comfortably in a double.
    return (latCell + 2000) * 10_000 + (lonCell + 5000);
  }

  add(slot: number, lat: number, lon: number): void {
    const key = GeoGrid.key(Math.floor(lat / CELL_LAT), Math.floor(lon / CELL_LON));
    let list = this.cells.get(key);
    if (!list) {
      list = [];
      this.cells.set(key, list);
    }
    list.push(slot);
  }

  /** Slots in the cells that overlap the bounding box of a circle; callers check the exact distance. */
  *near(lat: number, lon: number, radiusKm: number): Generator<number[]> {
    const { dLat, dLon } = kmToDegrees(radiusKm, lat);
    const lat0 = Math.floor((lat - dLat) / CELL_LAT);
    const lat1 = Math.floor((lat + dLat) / CELL_LAT);
    const lon0 = Math.floor((lon - dLon) / CELL_LON);
    const lon1 = Math.floor((lon + dLon) / CELL_LON);
    for (let a = lat0; a <= lat1; a++) {
      for (let o = lon0; o <= lon1; o++) {
        const list = this.cells.get(GeoGrid.key(a, o));
        if (list) yield list;
      }
    }
  }

  clear(): void {
    this.cells.clear();
  }
}
