// The ceiling of the HTTP load benchmark: a stock Apollo Server 5 (startStandaloneServer, no plugins, no
// validation rules, no context work) serving the product's own schema from static data: each query field
// answers the `data` the product gave for the same operation (recorded by the benchmark and passed in
// CEILING_ANSWERS), so the responses have the same shape and size; submitEvidence answers a new position.
// Run as its own process: `PORT=… CEILING_ANSWERS='{"engineers":…}' node scripts/bench/stock-apollo-ceiling.mjs`.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { typeDefs } from '../../services/gateway/dist/schema/type-defs.js';

const answers = JSON.parse(process.env.CEILING_ANSWERS ?? '{}');
let position = 0;
const Query = Object.fromEntries(Object.entries(answers).map(([field, value]) => [field, () => value]));
const server = new ApolloServer({
  typeDefs,
  resolvers: { Query, Mutation: { submitEvidence: () => ({ evidence: null, changed: true, position: String((position += 1)) }) } },
});
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' } });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
