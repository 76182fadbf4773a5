export * from './candidate.ts';
export * from './common.ts';
export * from './cpr.ts';
export * from './cvr.ts';
export * from './errors.ts';
export * from './job-order.ts';
export * from './shortlist.ts';
