// package.json against the code: the command table in both directions, categories, palette hygiene,
// menu groups, and the settings schema against src/config/settingsModel.ts.
import * as assert from 'assert';
import { DBC_COMMAND_IDS, TREE_ONLY } from '../../../src/commands/model/commandIds';
import { SETTING } from '../../../src/config/model/settingsModel';
import { CONTEXT_KEYS } from './support/contextKeys';
import { menuEntries, pkg } from './support/manifest';

const contributed: { command: string; title: string; category?: string; icon?: string }[] = pkg.contributes.commands;

describe('manifest: commands', () => {
  it('contributes exactly the commands the extension registers (both directions)', () => {
    const ids = contributed.map((c) => c.command);
    assert.deepStrictEqual([...ids].sort(), [...DBC_COMMAND_IDS].sort());
    assert.strictEqual(new Set(ids).size, ids.length, 'no command is contributed twice');
  });

  it('names every command dbc.<noun>.<verb>, with category DBC and a localized title', () => {
    for (const c of contributed) {
      assert.match(c.command, /^dbc\.[a-z]+\.[a-zA-Z]+$/, c.command);
      assert.strictEqual(c.category, 'DBC', `${c.command} has category DBC`);
      assert.match(c.title, /^%command\.[\w.]+%$/, `${c.command} has a %key% title`);
    }
  });

  it('hides tree-only commands from the palette and gates the rest on context keys it sets', () => {
    const palette: { command: string; when: string }[] = pkg.contributes.menus.commandPalette;
    for (const id of TREE_ONLY) assert.ok(palette.some((p) => p.command === id && p.when === 'false'), `${id} is hidden from the palette`);
    for (const p of palette) {
      const keys = p.when.split('&&').map((t) => t.trim().replace(/^!/, '')).filter((k) => k !== 'false');
      for (const k of keys) assert.ok(CONTEXT_KEYS.includes(k), `${p.command}: ${k} is one of our context keys`);
    }
  });

  it('offers every other command in the palette from the start, before the extension has activated', () => {
    // Keys the extension sets at activation are unset before it, so a when-clause on them hides the command
    // until the DBC view is opened. Only "stop what is running" commands may wait for their own key.
    const palette: { command: string; when: string }[] = pkg.contributes.menus.commandPalette;
    const stopWhileRunning: Record<string, string> = {
      'dbc.vm.stopFollowingLogs': 'dbc.logsFollowing', 'dbc.vm.stopWaiting': 'dbc.connectPending', 'dbc.forward.stop': 'dbc.portsForwarded',
    };
    for (const p of palette) {
      if ((TREE_ONLY as readonly string[]).includes(p.command)) continue;
      assert.strictEqual(p.when, stopWhileRunning[p.command], `${p.command} is hidden by "${p.when}" until activation`);
    }
    const shown = contributed.filter((c) => !palette.some((p) => p.command === c.command));
    assert.ok(shown.some((c) => c.command === 'dbc.vm.create'), 'DBC: Create VM… is in the palette');
    assert.strictEqual(shown.length, contributed.length - TREE_ONLY.length - Object.keys(stopWhileRunning).length);
  });

  it('refers only to contributed commands and submenus in menus', () => {
    const ids = new Set(contributed.map((c) => c.command));
    const submenus = new Set((pkg.contributes.submenus as { id: string }[]).map((s) => s.id));
    for (const e of menuEntries()) {
      if (e.command) assert.ok(ids.has(e.command), `${e.menu}: unknown command ${e.command}`);
      if (e.submenu) assert.ok(submenus.has(e.submenu), `${e.menu}: unknown submenu ${e.submenu}`);
    }
    for (const s of submenus) assert.ok(pkg.contributes.menus[s], `submenu ${s} has entries`);
  });

  it('uses the intent groups in row menus and gives inline actions codicons', () => {
    const allowed = /^(inline|1_connect|2_lifecycle|3_data|9_danger)@\d+$/;
    for (const e of menuEntries().filter((m) => m.menu === 'view/item/context')) {
      assert.match(e.group ?? '', allowed, `${e.command ?? e.submenu}: group ${e.group}`);
      if (e.group?.startsWith('inline')) {
        const icon = contributed.find((c) => c.command === e.command)?.icon;
        assert.match(icon ?? '', /^\$\([\w~-]+\)$/, `${e.command} shown inline has a codicon`);
      }
    }
  });

  it('keeps the views and container the harness expects', () => {
    assert.deepStrictEqual(pkg.contributes.views.dbc.map((v: { id: string }) => v.id), ['dbc.views.machines', 'dbc.views.images']);
    assert.strictEqual(pkg.main, './dist/extension.js');
    assert.match(pkg.engines.vscode, /^\^1\.90/);
    assert.deepStrictEqual(pkg.activationEvents, [], 'views and commands activate implicitly');
  });
});

describe('manifest: welcome views', () => {
  it('covers no endpoint, no node and no credential, keyed on our context keys', () => {
    const welcome: { view: string; when: string; contents: string }[] = pkg.contributes.viewsWelcome;
    const machines = welcome.filter((w) => w.view === 'dbc.views.machines').map((w) => w.when);
    assert.ok(machines.some((w) => w === 'dbc.ready && !dbc.endpointConfigured'));
    assert.ok(welcome.every((w) => w.when.startsWith('dbc.ready && ')), 'nothing shows before the extension set its keys');
    assert.ok(machines.some((w) => /!dbc\.nodeConfigured/.test(w)));
    assert.ok(machines.some((w) => /!dbc\.credentialConfigured/.test(w)));
    for (const w of welcome) {
      for (const k of w.when.split('&&').map((t) => t.trim().replace(/^!/, ''))) assert.ok(CONTEXT_KEYS.includes(k), `${k} is one of our context keys`);
      assert.match(w.contents, /^%welcome\.[\w.]+%$/);
    }
  });
});

describe('manifest: settings', () => {
  it('documents exactly the settings the typed module reads, each with a markdownDescription', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string }>;
    assert.deepStrictEqual(Object.keys(props).sort(), Object.values(SETTING).sort());
    for (const [key, p] of Object.entries(props)) assert.match(p.markdownDescription ?? '', /^%config\.\w+%$/, key);
  });

  it('keeps the endpoint setting out of untrusted workspaces', () => {
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, [SETTING.endpoints]);
  });
});
