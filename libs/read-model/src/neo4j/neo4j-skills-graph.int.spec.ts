import { describeReadModelContract } from '../testing/read-model.contract.js';
import { neo4jForTests } from '../testing/neo4j-test-server.js';
import { Neo4jSkillsGraph } from './neo4j-skills-graph.js';

describeReadModelContract('Neo4j', async (clock) => {
  const server = await neo4jForTests();
  const graph = await Neo4jSkillsGraph.connect({ ...server.connection, clock });
  await graph.clear();
  return {
    readModel: graph,
    async dispose() {
      await graph.close();
      await server.stop();
    },
  };
});
