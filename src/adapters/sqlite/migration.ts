/** One step of the SQLite schema's history; the lists of them live in the migrations-*.ts files. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
