// The thin TreeDataProvider shared by both views: asks the pure model for children and presentation,
// loads what the model says is missing, interns elements by id (so refresh events find them), and
// resolves VM tooltips lazily (task info is fetched only when a tooltip is about to show). Rows that a
// parent no longer lists are forgotten with their descendants, so the maps hold only what is shown.
import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import type { Children, Element, LoadRequest } from './model/elements';
import { vmTooltip } from './model/format';
import { LOCKED_SUFFIX, type ModelContext } from './model/machinesModel';
import { present, taskOf, type ViewKind } from './model/present';
import type { VmRef } from '../config/model/refs';
import { markdown, toTreeItem } from './treeItem';
import { errorMessage } from '../util/errorMessage';

export interface TreeProviderOptions {
  view: ViewKind;
  children: (ctx: ModelContext, parent?: Element) => Children;
  context: () => ModelContext;
  load: (req: LoadRequest) => Promise<void>;
  taskInfo: (ref: VmRef) => Promise<TaskInfo>;
}

export class DbcTreeProvider implements vscode.TreeDataProvider<Element>, vscode.Disposable {
  private readonly elements = new Map<string, Element>();
  private readonly parents = new Map<string, Element | undefined>();
  /** The ids each parent (by id; '' for the root) listed last. */
  private readonly listed = new Map<string, Set<string>>();
  private readonly emitter = new vscode.EventEmitter<Element | undefined>();
  private pendingIds = new Set<string>();
  private pendingAll = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly opts: TreeProviderOptions) {}

  getTreeItem(element: Element): vscode.TreeItem {
    return toTreeItem(present(this.opts.context(), element, this.opts.view));
  }

  async getChildren(element?: Element): Promise<Element[]> {
    let children = this.opts.children(this.opts.context(), element);
    if (children.load) {
      await this.opts.load(children.load);
      children = this.opts.children(this.opts.context(), element);
    }
    const items = children.items.map((child) => this.intern(child, element));
    this.relist(element?.id ?? '', new Set(items.map((i) => i.id)));
    return items;
  }

  /** Records what `parentId` lists now and forgets the rows it no longer lists. */
  private relist(parentId: string, ids: Set<string>): void {
    for (const id of this.listed.get(parentId) ?? []) if (!ids.has(id)) this.forget(id);
    this.listed.set(parentId, ids);
  }

  private forget(id: string): void {
    for (const child of this.listed.get(id) ?? []) this.forget(child);
    this.listed.delete(id);
    this.elements.delete(id);
    this.parents.delete(id);
  }

  /** Whether the row with this id has been expanded (its children were asked for and it lists some). */
  expanded(id: string): boolean {
    return (this.listed.get(id)?.size ?? 0) > 0;
  }

  /** How many rows are remembered (for tests: it only holds what the view lists). */
  get size(): number {
    return this.elements.size;
  }

  getParent(element: Element): Element | undefined {
    return this.parents.get(element.id);
  }

  /**
   * Fetches the VM details for its tooltip. They are stored without re-rendering the row (which would
   * close the hover that asked for them) unless they change a menu (see Fetcher.taskInfo).
   */
  async resolveTreeItem(item: vscode.TreeItem, element: Element): Promise<vscode.TreeItem> {
    if (element.kind !== 'vm' || item.tooltip) return item;
    const ctx = this.opts.context();
    const task = taskOf(ctx, element.ref) ?? { task_id: element.ref.taskId, status: 'none' };
    try {
      const info = await this.opts.taskInfo(element.ref);
      item.tooltip = markdown(vmTooltip(ctx.t, task, info, undefined, { gpu: ctx.gpu?.(element.ref), customPorts: ctx.customPorts?.(element.ref) }));
    } catch (err) {
      item.tooltip = markdown(vmTooltip(ctx.t, task, undefined, errorMessage(err)));
    }
    return item;
  }

  /** The element with this id if the view has shown it. */
  find(id: string): Element | undefined {
    return this.elements.get(id);
  }

  /** Re-renders the rows with these ids (and their children); unknown ids re-render the whole view. */
  changed(ids: readonly string[] | 'all'): void {
    if (ids === 'all') this.pendingAll = true;
    else for (const id of ids) this.pendingIds.add(id);
    this.timer ??= setTimeout(() => this.flush(), 30);
  }

  private flush(): void {
    this.timer = undefined;
    const ids = [...this.pendingIds];
    this.pendingIds = new Set();
    const all = this.pendingAll;
    this.pendingAll = false;
    const found = ids.map((id) => this.elements.get(id) ?? this.elements.get(id + LOCKED_SUFFIX));
    if (all || found.length > 25) {
      this.emitter.fire(undefined);
      return;
    }
    for (const el of found) if (el) this.emitter.fire(el);
  }

  private intern(element: Element, parent: Element | undefined): Element {
    const existing = this.elements.get(element.id);
    const kept = existing && existing.kind === element.kind ? Object.assign(existing, element) : element;
    this.elements.set(element.id, kept);
    this.parents.set(element.id, parent);
    return kept;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
