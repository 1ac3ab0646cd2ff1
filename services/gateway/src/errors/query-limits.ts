import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNullableType,
  getVariableValues,
  isListType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { maxPageSize } from '@skills-graph/read-model';

/** Limits every operation is held to before it runs (documented in docs/errors.md). */
export const queryLimits = {
  /** Lexical tokens in one document (graphql-js stops parsing beyond it): GRAPHQL_PARSE_FAILED. */
  maxTokens: 5_000,
  /** Nesting of selections, fragments included: QUERY_TOO_COMPLEX. */
  maxDepth: 12,
  /** Aliased fields in one document: QUERY_TOO_COMPLEX. */
  maxAliases: 100,
  /** Estimated cost (a paginated field costs its children times `first`): QUERY_TOO_COMPLEX. */
  maxComplexity: 50_000,
  /** `first` of any paginated field: BAD_USER_INPUT beyond it. */
  maxPageSize,
} as const;

/** Assumed length of a list field that takes no `first` argument (evidence, levels, behaviours). */
const assumedListLength = 5;

const tooComplex = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });

/** Refuses documents nested deeper than `max` selections (following fragment spreads once each). */
export function depthLimitRule(max: number = queryLimits.maxDepth): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
        else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        else if (!seen.has(selection.name.value)) {
          deepest = Math.max(deepest, depthOf(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value])));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > max) context.reportError(tooComplex(`Query is nested too deeply: more than ${max} levels. Ask for fewer nested fields.`, { maxDepth: max }));
      },
    };
  };
}

/** Refuses documents with more than `max` aliased fields (10,000 `__typename` aliases, say). */
export function aliasLimitRule(max: number = queryLimits.maxAliases): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === max + 1) {
          context.reportError(tooComplex(`Query has too many aliases: more than ${max}.`, { maxAliases: max }));
        }
      },
    };
  };
}

/**
 * A paginated field costs its children times `first` (which must be 1 to maxPageSize); another list field
 * its children times an assumed length (a connection's nodes and edges are already counted by `first`);
 * everything else costs 1.
 */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if ('first' in args && args['first'] != null) {
    const first = args['first'];
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > queryLimits.maxPageSize) {
      throw new GraphQLError(`first must be between 1 and ${queryLimits.maxPageSize}; use after: <endCursor> for the next page`, {
        extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } },
      });
    }
    return 1 + childComplexity * first;
  }
  const isList = isListType(getNullableType(field.type));
  if (!isList || field.name === 'nodes' || field.name === 'edges') return undefined;
  return 1 + childComplexity * assumedListLength;
};

/** Estimates kept per document (Apollo hands back the same parsed document for the same query text) and variables. */
const maxCachedVariants = 32;

/**
 * Checks the operation's estimated cost and page sizes before it runs. Variables that do not coerce are
 * left to execution, which refuses them with BAD_USER_INPUT (HTTP 400). The estimate of a document with the
 * same operation and variables is computed once (a refusal is not kept: it is recomputed and thrown again).
 */
export function complexityLimitPlugin<TContext extends object>(schema: GraphQLSchema): ApolloServerPlugin<TContext> {
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const variables = request.variables ?? {};
          const hasVariables = (operation?.variableDefinitions?.length ?? 0) > 0;
          const key = `${request.operationName ?? ''}\u0000${hasVariables ? JSON.stringify(variables) : ''}`;
          let known = estimates.get(document);
          const cached = known?.get(key);
          if (cached !== undefined) return;
          if (operation && hasVariables && getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return;
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables,
              ...(request.operationName != null && { operationName: request.operationName }),
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            if (error instanceof GraphQLError && typeof error.extensions['code'] === 'string') throw error;
            throw tooComplex(`Query is too large to estimate: ${(error as Error).message}`);
          }
          if (complexity > queryLimits.maxComplexity) {
            throw tooComplex(`Query is too complex: ${complexity} > ${queryLimits.maxComplexity}. Ask for fewer items per page or fewer nested fields.`, {
              complexity,
              maxComplexity: queryLimits.maxComplexity,
            });
          }
          if (!known) estimates.set(document, (known = new Map()));
          if (known.size >= maxCachedVariants) known.clear();
          known.set(key, complexity);
        },
      };
    },
  };
}
