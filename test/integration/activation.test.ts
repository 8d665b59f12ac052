import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import { dbcExtension, EXTENSION_ID } from './support/harness';

/** Records every TCP connect in this process (unix-socket connects are IPC, not network). */
function recordTcpConnects(): { targets: string[]; restore(): void } {
  const targets: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
    const [first, second] = args;
    if (typeof first === 'object' && first && !('path' in first)) targets.push(`${first.host ?? 'localhost'}:${first.port}`);
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) targets.push(`${second ?? 'localhost'}:${first}`);
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return { targets, restore: () => { net.Socket.prototype.connect = original; } };
}

describe('activation', () => {
  it(`finds the extension ${EXTENSION_ID}`, () => {
    const ext = dbcExtension();
    assert.strictEqual(ext.packageJSON.name, 'dbc-vscode');
  });

  it('activates without opening any network connection', async () => {
    const ext = dbcExtension();
    const wasActive = ext.isActive;
    const connects = recordTcpConnects();
    try {
      await ext.activate();
    } finally {
      connects.restore();
    }
    assert.strictEqual(ext.isActive, true);
    if (!wasActive) assert.deepStrictEqual(connects.targets, [], 'activate() opened TCP connections');
  });

  it('contributes the DBC container with the Machines and Images views', async () => {
    const contributes = dbcExtension().packageJSON.contributes;
    assert.ok(contributes.viewsContainers.activitybar.some((c: any) => c.id === 'dbc' && c.title === 'DBC'));
    assert.deepStrictEqual(contributes.views.dbc.map((v: any) => v.id), ['dbc.views.machines', 'dbc.views.images']);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dbc.views.machines.focus'), 'the workbench registered the Machines view');
    await vscode.commands.executeCommand('workbench.view.extension.dbc');
  });

  it('runs in a sane extension host', () => {
    assert.ok(Number(process.versions.node.split('.')[0]) >= 20, `node ${process.versions.node}`);
    assert.ok([vscode.UIKind.Desktop, vscode.UIKind.Web].includes(vscode.env.uiKind));
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major > 1 || minor >= 90, `VS Code ${vscode.version} is older than engines.vscode ^1.90.0`);
  });
});
