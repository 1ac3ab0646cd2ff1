import { describeReadModelContract } from '../testing/read-model.contract.js';
import { InMemorySkillsGraph } from './in-memory-skills-graph.js';

describeReadModelContract('in-memory graph', async () => ({ readModel: new InMemorySkillsGraph(), dispose: async () => {} }));
