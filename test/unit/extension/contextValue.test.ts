// The contextValue builder against EVERY viewItem clause of package.json: each row-menu entry is
// evaluated on every context the builder can produce, in the views where such rows appear, and the
// rows where a command shows must be exactly the intended ones (what src/core/taskState allows for VMs).
import * as assert from 'assert';
import {
  allContextValues, contextValue, FACETS, parseContextValue, vmContextValue, vmContextValues, type ContextKind,
} from '../../../src/tree/model/contextValue';
import { allowedActions, SAMPLE_STATUSES, vmStateOf, type VmAction } from '../../../src/tree/model/vmState';
import { menuEntries, parseWhen, viewItemConditions, type MenuEntry } from './support/manifest';

type View = 'machines' | 'images';
interface Ctx {
  view: View;
  value: string;
  kind: string;
  f: Record<string, string>;
}

const ROWS_IN: Record<View, ContextKind[]> = {
  machines: ['endpoint', 'node', 'vm', 'snapshot', 'forward', 'networks', 'network', 'message'],
  images: ['endpoint', 'imageServer', 'image', 'node', 'message'],
};

function contexts(): Ctx[] {
  const out: Ctx[] = [];
  for (const view of ['machines', 'images'] as View[]) {
    for (const kind of ROWS_IN[view]) {
      const values = kind === 'vm' ? vmContextValues(SAMPLE_STATUSES) : allContextValues(kind);
      for (const value of values) {
        const parsed = parseContextValue(value)!;
        out.push({ view, value, kind: parsed.kind, f: parsed.facets });
      }
    }
  }
  return out;
}

const ALL = contexts();
const can = (c: Ctx, a: VmAction) => c.kind === 'vm' && c.f['can']!.split(',').includes(a);
const isVm = (c: Ctx) => c.kind === 'vm' && c.view === 'machines';
const node = (c: Ctx, view?: View) => c.kind === 'node' && (!view || c.view === view);
const msg = (c: Ctx, action: string) => c.kind === 'message' && c.f['action'] === action;
const hasCred = (c: Ctx) => c.f['cred'] !== 'none';
/** Not rented, someone else's, ended or unknown to the client node: no Create VM there (nodeCondition.ts). */
const creatable = (c: Ctx) => ['ok', 'error', 'unknown'].includes(c.f['status'] ?? '');
const image = (c: Ctx, scope: string) => c.kind === 'image' && c.f['scope'] === scope;
const vmCan = (a: VmAction) => (c: Ctx) => isVm(c) && can(c, a);

/** Where each command should show, per menu kind. */
const INLINE: Record<string, (c: Ctx) => boolean> = {
  'dbc.node.add': (c) => c.kind === 'endpoint' || msg(c, 'addNode'),
  'dbc.node.discover': (c) => msg(c, 'addNode'),
  'dbc.endpoint.secure': (c) => msg(c, 'secure'),
  'dbc.vm.create': (c) => (node(c, 'machines') && hasCred(c) && creatable(c)) || msg(c, 'createVm'),
  'dbc.views.refresh': (c) => node(c, 'machines') || msg(c, 'retry'),
  'dbc.log.show': (c) => msg(c, 'retry'),
  'dbc.wallet.import': (c) => msg(c, 'credential'),
  'dbc.session.import': (c) => msg(c, 'credential'),
  'dbc.vm.connect': (c) => isVm(c) && can(c, 'connect') && c.f['os'] !== 'windows',
  'dbc.vm.connectRdp': (c) => isVm(c) && can(c, 'connect') && c.f['os'] === 'windows',
  'dbc.vm.start': (c) => isVm(c) && can(c, 'start') && c.f['state'] !== 'sleeping',
  'dbc.vm.wake': (c) => isVm(c) && can(c, 'start') && c.f['state'] === 'sleeping',
  'dbc.vm.stop': vmCan('stop'),
  'dbc.image.download': (c) => c.view === 'images' && image(c, 'server'),
  'dbc.image.upload': (c) => c.view === 'images' && image(c, 'node'),
  'dbc.image.createVm': (c) => c.view === 'images' && c.kind === 'image',
  'dbc.forward.openInBrowser': (c) => c.kind === 'forward',
  'dbc.forward.stop': (c) => c.kind === 'forward',
  'dbc.lan.create': (c) => (c.view === 'machines' && c.kind === 'networks') || msg(c, 'createNetwork'),
};

/** Disk changes: on a shut-off VM, or one the command offers to power off first. */
const diskChange = (c: Ctx) => isVm(c) && ['running', 'stopped', 'sleeping'].includes(c.f['state']!);

const CONTEXT: Record<string, (c: Ctx) => boolean> = {
  'dbc.node.add': (c) => c.kind === 'endpoint',
  'dbc.node.discover': (c) => c.kind === 'endpoint',
  'dbc.endpoint.remove': (c) => c.kind === 'endpoint',
  'dbc.endpoint.secure': (c) => c.kind === 'endpoint',
  'dbc.views.refresh': (c) => c.kind === 'endpoint' || node(c, 'machines') || isVm(c) || (c.view === 'images' && c.kind === 'imageServer') || msg(c, 'retry')
    || (c.view === 'machines' && c.kind === 'networks'),
  'dbc.log.show': (c) => msg(c, 'retry'),
  'dbc.wallet.import': (c) => msg(c, 'credential'),
  'dbc.session.import': (c) => msg(c, 'credential'),
  'dbc.node.shareAccess': (c) => node(c, 'machines') && (c.f['cred'] === 'wallet' || c.f['cred'] === 'multisig'),
  'dbc.node.chooseCredential': (c) => node(c, 'machines'),
  'dbc.node.chooseRentOrder': (c) => node(c, 'machines') && hasCred(c),
  'dbc.node.freeMemory': (c) => node(c, 'machines') && hasCred(c),
  'dbc.node.setMonitors': (c) => node(c, 'machines') && hasCred(c),
  'dbc.lan.create': (c) => c.kind === 'endpoint' || (c.view === 'machines' && c.kind === 'networks'),
  'dbc.lan.delete': (c) => c.view === 'machines' && c.kind === 'network',
  'dbc.vm.disks': isVm,
  'dbc.vm.resizeDisk': diskChange,
  'dbc.vm.addDisk': diskChange,
  'dbc.vm.deleteDisk': diskChange,
  'dbc.vm.create': (c) => node(c, 'machines') && hasCred(c) && creatable(c),
  'dbc.node.info': (c) => node(c),
  'dbc.node.copyId': (c) => node(c),
  'dbc.node.rename': (c) => node(c, 'machines'),
  'dbc.node.remove': (c) => node(c, 'machines'),
  'dbc.image.download': (c) => c.view === 'images' && ((c.kind === 'node' && hasCred(c)) || image(c, 'server')),
  'dbc.image.progress': (c) => c.view === 'images' && ((c.kind === 'node' && hasCred(c)) || image(c, 'node')),
  'dbc.image.upload': (c) => c.view === 'images' && image(c, 'node'),
  'dbc.image.stopTransfer': (c) => c.view === 'images' && image(c, 'node'),
  'dbc.image.delete': (c) => c.view === 'images' && image(c, 'node'),
  'dbc.vm.connect': (c) => isVm(c) && can(c, 'connect') && c.f['os'] !== 'windows',
  'dbc.vm.connectRdp': (c) => isVm(c) && can(c, 'connect') && c.f['os'] === 'windows',
  'dbc.vm.connectWhenReady': (c) => isVm(c) && c.f['os'] !== 'windows' && (c.f['state'] === 'creating' || c.f['state'] === 'transitioning'),
  'dbc.vm.openVnc': vmCan('connect'),
  'dbc.vm.copySshCommand': (c) => isVm(c) && c.f['os'] !== 'windows',
  'dbc.vm.copyAddress': isVm,
  'dbc.vm.copyPassword': isVm,
  'dbc.vm.info': isVm,
  'dbc.vm.copyId': isVm,
  'dbc.snapshot.list': isVm,
  'dbc.vm.start': (c) => isVm(c) && can(c, 'start') && c.f['state'] !== 'sleeping',
  'dbc.vm.wake': (c) => isVm(c) && can(c, 'start') && c.f['state'] === 'sleeping',
  'dbc.vm.stop': vmCan('stop'),
  'dbc.vm.restart': vmCan('restart'),
  'dbc.vm.shutdown': vmCan('shutdown'),
  'dbc.vm.poweroff': vmCan('poweroff'),
  'dbc.vm.forceRestart': vmCan('forceRestart'),
  'dbc.vm.reset': vmCan('reset'),
  'dbc.vm.showLogs': vmCan('logs'),
  'dbc.vm.followLogs': (c) => isVm(c) && can(c, 'logs') && c.f['follow'] !== 'on',
  'dbc.vm.stopFollowingLogs': (c) => isVm(c) && c.f['follow'] === 'on',
  // A running (or sleeping) VM is offered too: the command powers it off first, after asking.
  'dbc.snapshot.create': (c) => isVm(c) && ['running', 'stopped', 'sleeping'].includes(c.f['state']!),
  'dbc.vm.modify': vmCan('modify'),
  'dbc.vm.setPassword': vmCan('setPassword'),
  'dbc.vm.delete': vmCan('delete'),
  'dbc.snapshot.delete': (c) => c.kind === 'snapshot' && c.view === 'machines',
  'dbc.snapshot.info': (c) => c.kind === 'snapshot' && c.view === 'machines',
  'dbc.image.createVm': (c) => c.view === 'images' && c.kind === 'image',
  'dbc.vm.showGpuMonitor': (c) => isVm(c) && can(c, 'connect') && c.f['os'] !== 'windows',
  'dbc.vm.openPort': vmCan('connect'),
  'dbc.vm.forwardPort': (c) => isVm(c) && can(c, 'connect') && c.f['os'] !== 'windows',
  'dbc.forward.openInBrowser': (c) => c.kind === 'forward',
  'dbc.forward.copyUrl': (c) => c.kind === 'forward',
  'dbc.forward.stop': (c) => c.kind === 'forward',
  'dbc.lease.renew': (c) => (node(c, 'machines') || isVm(c)) && ['active', 'ending', 'ended'].includes(c.f['rental'] ?? ''),
  'dbc.lease.snapshotVms': (c) => (node(c, 'machines') || isVm(c)) && ['ending', 'ended'].includes(c.f['rental'] ?? ''),
  'dbc.lease.mute': (c) => (node(c, 'machines') || isVm(c)) && ['ending', 'ended'].includes(c.f['rental'] ?? ''),
};

const SUBMENUS = ['dbc.vm.power', 'dbc.vm.disksMenu'];
const rowEntries = (): MenuEntry[] => menuEntries().filter((e) => e.menu === 'view/item/context' || SUBMENUS.includes(e.menu));
const isInline = (e: MenuEntry) => e.group?.startsWith('inline') ?? false;
const shows = (e: MenuEntry, c: Ctx) => parseWhen(e.when)({ view: `dbc.views.${c.view}`, viewItem: c.value });

function union(entries: MenuEntry[], c: Ctx): boolean {
  return entries.some((e) => shows(e, c));
}

describe('contextValue builder', () => {
  it('puts the kind first and sorts the facets', () => {
    assert.strictEqual(contextValue('node', { status: 'ok', cred: 'wallet' }), 'dbc.node;cred=wallet;status=ok');
    assert.strictEqual(contextValue('imageServer', {}), 'dbc.imageServer');
  });

  it('lists a VM\'s allowed actions, sorted, from src/core/taskState', () => {
    const v = vmContextValue('closed', 'linux');
    assert.match(v, /^dbc\.vm;can=[a-zA-Z,]+;os=linux;state=stopped$/);
    const actions = parseContextValue(v)!.facets['can']!.split(',');
    assert.deepStrictEqual(actions, [...allowedActions('closed')].sort());
  });

  it('adds follow=on only while the log is followed, so the other facets keep their places', () => {
    assert.strictEqual(vmContextValue('running', 'linux', true).replace(';follow=on', ''), vmContextValue('running', 'linux'));
    assert.match(vmContextValue('running', 'linux', true), /^dbc\.vm;can=[^;]*;follow=on;os=linux;state=running$/);
  });

  it('round-trips through parseContextValue', () => {
    for (const value of [...allContextValues('node'), ...vmContextValues(['running', 'pmsuspend'])]) {
      const parsed = parseContextValue(value)!;
      assert.strictEqual(contextValue(parsed.kind as ContextKind, parsed.facets), value);
    }
  });

  it('gives every status the context built afresh, also past the statuses it remembers', () => {
    const statuses = [...Array.from({ length: 600 }, (_, i) => `odd status ${i}`), 'running', 'closed', 'creating', undefined];
    type Rental = (typeof FACETS.vm.rental)[number] | undefined;
    const fresh = (s: string | undefined, os: 'linux' | 'windows' | 'unknown', following: boolean, rental: Rental) => contextValue('vm', {
      can: [...allowedActions(s)].sort().join(','), os, state: vmStateOf(s), ...(following ? { follow: 'on' } : {}), ...(rental ? { rental } : {}),
    });
    const rentals: Rental[] = [undefined, ...FACETS.vm.rental];
    for (const round of [1, 2]) {
      for (const s of statuses) {
        for (const os of FACETS.vm.os) {
          for (const following of [false, true]) {
            for (const rental of rentals) assert.strictEqual(vmContextValue(s, os, following, rental), fresh(s, os, following, rental), `round ${round}: ${s}`);
          }
        }
      }
    }
  });

  it('enumerates every facet value', () => {
    assert.strictEqual(allContextValues('node').length, FACETS.node.cred.length * (FACETS.node.rental.length + 1) * FACETS.node.status.length, 'with a rental stage or none');
    assert.strictEqual(vmContextValues(['running']).length, FACETS.vm.os.length * 2 * (FACETS.vm.rental.length + 1), 'every OS, followed or not, with a rental stage or none');
  });
});

describe('row menus against every context (package.json viewItem clauses)', () => {
  it('has an intended-rows rule for every command shown on rows', () => {
    for (const e of rowEntries().filter((x) => x.command)) {
      const table = isInline(e) ? INLINE : CONTEXT;
      assert.ok(table[e.command!], `no rule for ${e.command} (${isInline(e) ? 'inline' : 'context menu'})`);
    }
    for (const id of Object.keys(INLINE)) assert.ok(rowEntries().some((e) => e.command === id && isInline(e)), `${id} is expected inline`);
    for (const id of Object.keys(CONTEXT)) assert.ok(rowEntries().some((e) => e.command === id && !isInline(e)), `${id} is expected in a row menu`);
  });

  for (const [label, table, inline] of [['inline', INLINE, true], ['context menu', CONTEXT, false]] as const) {
    for (const [command, intended] of Object.entries(table)) {
      it(`${command} (${label}) shows on exactly the intended rows`, () => {
        const entries = rowEntries().filter((e) => e.command === command && isInline(e) === inline);
        const wrong = ALL.filter((c) => union(entries, c) !== intended(c)).map((c) => `${c.view}: ${c.value} → ${union(entries, c) ? 'shown' : 'hidden'}`);
        assert.deepStrictEqual(wrong.slice(0, 5), [], `${wrong.length} contexts disagree`);
      });
    }
  }

  for (const id of SUBMENUS) {
    it(`shows the ${id} submenu exactly where one of its actions applies`, () => {
      const submenu = rowEntries().filter((e) => e.submenu === id);
      const items = rowEntries().filter((e) => e.menu === id);
      assert.strictEqual(submenu.length, 1);
      for (const c of ALL) assert.strictEqual(union(submenu, c), union(items, c), c.value);
    });
  }

  it('never shows more than two inline actions on a row', () => {
    const inline = rowEntries().filter(isInline);
    for (const c of ALL) {
      const count = inline.filter((e) => shows(e, c)).length;
      assert.ok(count <= 2, `${c.view} ${c.value}: ${count} inline actions`);
    }
  });

  it('has no dead viewItem clause: each one matches some context', () => {
    for (const e of rowEntries()) {
      for (const cond of viewItemConditions(e.when)) {
        const test = parseWhen(cond);
        assert.ok(ALL.some((c) => test({ viewItem: c.value })), `${e.command ?? e.submenu}: "${cond}" matches nothing`);
      }
    }
  });

  it('matches every row kind by its dbc.<kind> prefix', () => {
    for (const e of rowEntries()) {
      for (const cond of viewItemConditions(e.when)) assert.match(cond, /dbc\\?\.\w+|;(os|state)=/, cond);
    }
  });
});
