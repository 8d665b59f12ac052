// The Machines view's own TreeDataProvider (src/tree/treeProvider.ts, compiled) over a tree stack, loaded
// with the bench's `vscode` stub, and a walk that asks it for rows the way an open view does: the root,
// every endpoint and node (expanded), and the VMs named in `expand` (their snapshots and forwards).
// The provider interns every row it hands out and forgets the rows a parent no longer lists, so the
// memory bench can check that its maps follow the VMs that exist.
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outModule } from './paths.mjs';

const stub = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vscode-stub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};

const { DbcTreeProvider } = outModule('src/tree/treeProvider');
const { machinesChildren } = outModule('src/tree/model/machinesModel');
const { englishT } = outModule('src/ui/model/translate');

/** The provider of the Machines view over `stack` (lib/tree-stack.mjs), with the nodes of its endpoint. */
export function machinesView(stack) {
  const endpoints = [{ url: stack.client.baseUrl, nodes: stack.refs.map((r) => ({ id: r.nodeId })) }];
  const context = () => ({ endpoints, store: stack.store, credentialFor: (ref) => stack.access.summary(ref), t: englishT });
  return new DbcTreeProvider({
    view: 'machines', children: machinesChildren, context, load: (req) => stack.fetcher.load(req), taskInfo: (ref) => stack.fetcher.taskInfo(ref),
  });
}

/** Asks for the rows of an open view; returns how many rows it was given. VMs whose id is in `expand` are expanded too. */
export async function walkView(provider, expand = new Set()) {
  let rows = 0;
  const visit = async (element) => {
    const children = await provider.getChildren(element);
    rows += children.length;
    for (const child of children) {
      if (child.kind === 'endpoint' || child.kind === 'node' || (child.kind === 'vm' && expand.has(child.id))) await visit(child);
    }
  };
  await visit(undefined);
  return rows;
}
