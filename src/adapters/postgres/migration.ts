/** One step of the PostgreSQL schema's history; the lists of them live in the migrations*.ts files. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
