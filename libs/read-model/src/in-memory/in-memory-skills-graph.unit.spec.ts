import { describeReadModelContract } from '../testing/read-model.contract.js';
import { InMemorySkillsGraph } from './in-memory-skills-graph.js';

describeReadModelContract('in-memory graph', async (clock) => ({ readModel: new InMemorySkillsGraph({ clock }), dispose: async () => {} }));
