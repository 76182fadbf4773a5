import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/index.ts';
import { candidateIndexContract } from '../ports/candidate-index.contract.ts';

candidateIndexContract('embedded', async () => new EmbeddedCandidateIndex());
