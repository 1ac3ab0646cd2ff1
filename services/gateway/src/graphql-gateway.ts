import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, buildSchema, printSchema } from 'graphql';
import { CONFIG, type SkillsGraphConfig } from '@skills-graph/config';
import { AUDIT_TRAIL, CLOCK, COMMAND_SENDER, systemClock, type AuditTrailQuery, type Clock, type CommandSender } from '@skills-graph/contracts';
import { PROJECTION_PROGRESS, READ_MODEL, type ProjectionProgress, type SkillsGraphReadModel } from '@skills-graph/read-model';
import { Authenticator } from './auth/actor-from-request.js';
import { BoundedCommandSender } from './command-transport/bounded-command-sender.js';
import { DEPENDENCY_STATUS, type DependencyStatus } from './health/dependency-status.js';
import { boundedMessage } from './errors/bounded-text.js';
import { createErrorFormatter, errorStatusPlugin, httpStatusByCode } from './errors/error-responses.js';
import { toClientError } from './errors/gateway-error.js';
import { aliasLimitRule, complexityLimitPlugin, depthLimitRule, queryLimits } from './errors/query-limits.js';
import { graphqlRequestListener, type NodeRequestListener } from './http/graphql-request-listener.js';
import { createLoaders } from './resolvers/loaders.js';
import { createResolvers, type GatewayContext } from './resolvers/resolvers.js';
import { typeDefs } from './schema/type-defs.js';

export { queryLimits } from './errors/query-limits.js';
export const maxQueryComplexity = queryLimits.maxComplexity;

/** The schema as SDL: what `schema.graphql` must hold. */
export function printedSchema(): string {
  return `${printSchema(buildSchema(typeDefs))}\n`;
}

/**
 * The GraphQL API over Apollo Server, mounted on the host's HTTP server at /graphql. Every refusal is a
 * coded 4xx (docs/errors.md); stack traces only with GRAPHQL_DEBUG=true; introspection on in demo mode and
 * off in jwt mode unless GRAPHQL_INTROSPECTION says otherwise.
 */
@Injectable()
export class GraphqlGateway implements OnApplicationShutdown {
  private server: ApolloServer<GatewayContext> | undefined;
  private readonly logger = new Logger('GraphqlGateway');
  private readonly authenticator: Authenticator;

  constructor(
    @Inject(READ_MODEL) private readonly readModel: SkillsGraphReadModel,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(CONFIG) private readonly config: SkillsGraphConfig,
    @Inject(COMMAND_SENDER) private readonly commands: CommandSender,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(AUDIT_TRAIL) private readonly auditTrail?: AuditTrailQuery,
    @Optional() @Inject(DEPENDENCY_STATUS) private readonly dependencies?: DependencyStatus,
  ) {
    this.authenticator = new Authenticator(config);
  }

  private readonly logUnexpected = (error: unknown, details: Record<string, unknown> = {}) => {
    const e = error instanceof Error ? error : new Error(String(error));
    this.logger.error(`Unexpected error while serving GraphQL: ${e.name}: ${e.message} ${JSON.stringify(details)}`, e.stack);
  };

  /** The handler for /graphql on node:http: body checks and parsing, Apollo, and the last-resort error mapping (serveGraphqlBeside mounts it). */
  async requestListener(): Promise<NodeRequestListener> {
    const schema = makeExecutableSchema({
      typeDefs,
      resolvers: createResolvers({
        readModel: this.readModel,
        // Refused at once while a dependency is known down; otherwise within COMMAND_TIMEOUT_MS (docs/errors.md).
        commands: new BoundedCommandSender(this.commands, {
          timeoutMs: this.config.COMMAND_TIMEOUT_MS,
          transport: this.config.COMMAND_TRANSPORT === 'kafka' ? 'kafka' : 'event-store',
          status: this.dependencies,
        }),
        progress: this.progress,
        readYourWritesTimeoutMs: this.config.READ_YOUR_WRITES_TIMEOUT_MS,
        authMode: this.config.AUTH_MODE,
        now: () => this.clock.now(),
        ...(this.auditTrail && { auditTrail: this.auditTrail }),
      }),
    });
    const server = new ApolloServer<GatewayContext>({
      schema,
      introspection: this.config.GRAPHQL_INTROSPECTION ?? this.config.AUTH_MODE === 'demo',
      includeStacktraceInErrorResponses: this.config.GRAPHQL_DEBUG,
      parseOptions: { maxTokens: queryLimits.maxTokens },
      validationRules: [depthLimitRule(), aliasLimitRule()],
      plugins: [complexityLimitPlugin<GatewayContext>(schema), errorStatusPlugin<GatewayContext>()],
      formatError: createErrorFormatter({ debug: this.config.GRAPHQL_DEBUG, logUnexpected: (error, details) => this.logUnexpected(error, details) }),
    });
    await server.start();
    this.server = server;
    return graphqlRequestListener(server, {
      maxBodyBytes: this.config.GRAPHQL_MAX_BODY_BYTES,
      context: async (req) => ({
        actor: await this.authenticator.actorFrom(req.headers).catch((error: unknown) => {
          const client = toClientError(error);
          const code = String(client.extensions['code']);
          const headers = new HeaderMap();
          if (code === 'UNAVAILABLE') headers.set('retry-after', String(client.extensions['retryAfterSeconds'] ?? 5));
          if (code === 'UNAUTHENTICATED') headers.set('www-authenticate', 'Bearer error="invalid_token"');
          throw new GraphQLError(boundedMessage(client.message), { extensions: { ...client.extensions, http: { status: httpStatusByCode[code] ?? 401, headers } } });
        }),
        correlationId: correlationIdFrom(req.headers['x-correlation-id']),
        loaders: createLoaders(this.readModel),
      }),
      logUnexpected: (error) => this.logUnexpected(error),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}

/** The caller's correlation id when it looks like one (at most 100 safe characters), else a new one. */
function correlationIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : randomUUID();
}
