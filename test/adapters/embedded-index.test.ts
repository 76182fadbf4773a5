import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { candidateIndexContract } from '../ports/candidate-index.contract.ts';

candidateIndexContract('embedded', async () => new EmbeddedCandidateIndex());
