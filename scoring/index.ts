/**
 * The scoring library: pure functions that rank candidates for a vikarprofil and explain why.
 * No I/O, no globals, nothing imported from the application.
 */
export * from './competence.ts';
export * from './eligibility.ts';
export * from './explain.ts';
export * from './facts.ts';
export * from './geo.ts';
export * from './licence.ts';
export * from './profile.ts';
export * from './query.ts';
export * from './rank.ts';
export * from './unemployment.ts';
export * from './vocabulary.ts';
