import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, buildSchema, getNullableType, isListType, printSchema, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { RequestHandler } from 'express';
import { CONFIG, type SkillsGraphConfig } from '@skills-graph/config';
import { AUDIT_TRAIL, CLOCK, COMMAND_SENDER, systemClock, type AuditTrailQuery, type Clock, type CommandSender } from '@skills-graph/contracts';
import { PROJECTION_PROGRESS, READ_MODEL, type ProjectionProgress, type SkillsGraphReadModel } from '@skills-graph/read-model';
import { actorFromHeaders } from './auth/actor-from-request.js';
import { toClientError } from './errors/gateway-error.js';
import { createLoaders } from './resolvers/loaders.js';
import { createResolvers, type GatewayContext } from './resolvers/resolvers.js';
import { typeDefs } from './schema/type-defs.js';

export const maxQueryComplexity = 50_000;
/** Assumed length of a list field that takes no `first` argument (evidence, levels, behaviours). */
const assumedListLength = 5;

/** The schema as SDL: what `schema.graphql` must hold. */
export function printedSchema(): string {
  return `${printSchema(buildSchema(typeDefs))}\n`;
}

/**
 * A paginated field costs its children times `first`; another list field times an assumed length
 * (a connection's nodes and edges are already counted by `first`); everything else costs 1.
 */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if (typeof args['first'] === 'number') return 1 + childComplexity * args['first'];
  const isList = isListType(getNullableType(field.type));
  if (!isList || field.name === 'nodes' || field.name === 'edges') return undefined;
  return 1 + childComplexity * assumedListLength;
};

function complexityLimit(schema: GraphQLSchema): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName != null && { operationName: request.operationName }),
            estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > maxQueryComplexity) {
            throw new GraphQLError(`Query is too complex: ${complexity} > ${maxQueryComplexity}. Ask for fewer items per page or fewer nested fields.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity: maxQueryComplexity },
            });
          }
        },
      };
    },
  };
}

/** The GraphQL API over Apollo Server, mounted on the host's HTTP server at /graphql. */
@Injectable()
export class GraphqlGateway implements OnApplicationShutdown {
  private server: ApolloServer<GatewayContext> | undefined;

  constructor(
    @Inject(READ_MODEL) private readonly readModel: SkillsGraphReadModel,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(CONFIG) private readonly config: SkillsGraphConfig,
    @Inject(COMMAND_SENDER) private readonly commands: CommandSender,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(AUDIT_TRAIL) private readonly auditTrail?: AuditTrailQuery,
  ) {}

  async middleware(): Promise<RequestHandler> {
    const schema = makeExecutableSchema({
      typeDefs,
      resolvers: createResolvers({
        readModel: this.readModel,
        commands: this.commands,
        progress: this.progress,
        readYourWritesTimeoutMs: this.config.READ_YOUR_WRITES_TIMEOUT_MS,
        now: () => this.clock.now(),
        ...(this.auditTrail && { auditTrail: this.auditTrail }),
      }),
    });
    const server = new ApolloServer<GatewayContext>({
      schema,
      introspection: true,
      plugins: [complexityLimit(schema)],
      formatError: (formatted, error) => {
        const original = unwrapResolverError(error);
        if (original === error && formatted.extensions?.['code'] && formatted.extensions['code'] !== 'INTERNAL_SERVER_ERROR') return formatted;
        const client = toClientError(original);
        return { ...formatted, message: client.message, extensions: client.extensions };
      },
    });
    await server.start();
    this.server = server;
    return expressMiddleware(server, {
      context: async ({ req }) => ({
        actor: await actorFromHeaders(req.headers, this.config).catch((error: unknown) => {
          const client = toClientError(error);
          throw new GraphQLError(client.message, { extensions: { ...client.extensions, http: { status: 401 } } });
        }),
        correlationId: (typeof req.headers['x-correlation-id'] === 'string' && req.headers['x-correlation-id']) || randomUUID(),
        loaders: createLoaders(this.readModel),
      }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}
