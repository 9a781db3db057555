import {
  IdentifierNode,
  OperationNodeTransformer,
  SchemableIdentifierNode,
  type CreateIndexNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimaryKeyConstraintNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

export const SHADOW_SUFFIX = '__rebuild';

class RenameTransformer extends OperationNodeTransformer {
  constructor(private readonly tables: ReadonlySet<string>) {
    super();
  }

  protected override transformSchemableIdentifier(node: SchemableIdentifierNode): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node);
    const name = transformed.identifier.name;
    if (!this.tables.has(name)) return transformed;
    return { ...transformed, identifier: IdentifierNode.create(name + SHADOW_SUFFIX) };
  }

  protected override transformCreateIndex(node: CreateIndexNode): CreateIndexNode {
    const transformed = super.transformCreateIndex(node);
    return { ...transformed, name: IdentifierNode.create(transformed.name.name + SHADOW_SUFFIX) };
  }

  protected override transformPrimaryKeyConstraint(node: PrimaryKeyConstraintNode): PrimaryKeyConstraintNode {
    const transformed = super.transformPrimaryKeyConstraint(node);
    return transformed.name
      ? { ...transformed, name: IdentifierNode.create(transformed.name.name + SHADOW_SUFFIX) }
      : transformed;
  }
}

/**
 * Points a projection at shadow copies of its tables (`<table>__rebuild`, indexes likewise) so it
 * can be rebuilt from zero while queries keep reading the current tables; the runner then swaps.
 */
export class ShadowTablesPlugin implements KyselyPlugin {
  private readonly transformer: RenameTransformer;
  constructor(tables: readonly string[]) {
    this.transformer = new RenameTransformer(new Set(tables));
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
