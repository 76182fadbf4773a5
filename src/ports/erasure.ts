/**
 * GDPR erasure across the aggregates that keep a trace of a candidate after the record itself is deleted. One
 * port rather than a method per store: the anonymous id must be the same everywhere, and all of it lands in one
 * transaction or none of it does.
 */
export interface CandidateErasure {
  /**
   * Replaces the candidate's id with an anonymous one in candidacies, their history, placements and the audit
   * log (counts and statistics stay), drops notes and contact releases, and deletes any bundle PDF that holds
   * their CV. Returns the rows touched.
   */
  anonymise(candidateId: string): Promise<number>;
}
