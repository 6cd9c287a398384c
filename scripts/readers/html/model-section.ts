/** Reads one model (a Models child section or a per-model page): its Name | Description | Schema | Default table. */
import type { AnyNode } from 'domhandler';
import type { ModelDoc } from '../../model.ts';
import type { Block } from './blocks.ts';
import type { ReadContext } from './context.ts';
import { readFieldTable, tableKind } from './op-tables.ts';
import { readTable } from './table.ts';

export function looksLikeModel(blocks: readonly Block[]): boolean {
  return blocks.some((b) => b.kind === 'table' && tableKind(readTable(b.node)) === 'fields');
}

export function readModel(blocks: readonly Block[], name: string, node: AnyNode | undefined, ctx: ReadContext, service?: string): ModelDoc | undefined {
  const scope = { operation: name, ...(service !== undefined ? { service } : {}) };
  let model: ModelDoc | undefined;
  for (const b of blocks) {
    if (b.kind === 'table') {
      ctx.count('tables');
      const t = readTable(b.node);
      if (tableKind(t) !== 'fields') {
        ctx.report('warning', 'unknown-table', `table with header "${t.headerLabels.join(' | ') || '(none)'}" in model ${name} not understood`, b.node, scope);
      } else if (model) {
        ctx.report('warning', 'extra-model-table', `a second field table in model ${name} is ignored`, b.node, scope);
      } else {
        model = { name, fields: readFieldTable(t, ctx, scope), source: ctx.ref(node) };
      }
    } else if (b.kind === 'text') {
      ctx.report('info', 'unplaced-text', `text in model ${name} not used: "${b.lines.join(' ').slice(0, 80)}"`, b.node, scope);
    } else if (b.kind === 'heading') {
      ctx.report('info', 'unknown-section', `heading "${b.text}" in model ${name} not used`, b.node, scope);
    } else {
      ctx.report('warning', 'unplaced-code', `code block in model ${name} not used`, b.node, scope);
    }
  }
  if (!model) {
    ctx.report('warning', 'model-without-table', `model ${name} has no Name | Description | Schema | Default table; model skipped`, node, scope);
    return undefined;
  }
  if (model.fields.length === 0) ctx.report('warning', 'empty-model', `model ${name} has no readable field`, node, scope);
  ctx.count('models');
  return model;
}
