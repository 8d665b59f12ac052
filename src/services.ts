// The composition root: builds every service once, wires their events, and disposes all of it (the log
// last, so late messages still land). Activation does no network and no crypto: clients and
// credentials are built lazily, on the first refresh or command.
import * as vscode from 'vscode';
import type { CommandServices } from './flows/commandServices';
import { CreateWatches } from './watch/createWatches';
import { ClientRegistry } from './access/clientRegistry';
import { EndpointTunnels } from './access/endpointTunnels';
import { InsecureHttpConsents } from './access/insecureHttpConsents';
import type { HostKeyOutcome } from './ssh/core/sshClient';
import { Settings, type DbcSettings } from './config/settings';
import { Access } from './access/access';
import { Keyring } from './access/keyring';
import { RentOrders } from './access/rentOrders';
import { CredentialStore } from './secrets/credentialStore';
import type { Element, LoadRequest } from './tree/model/elements';
import { ReadyWatches } from './watch/readyWatches';
import { RemoteServices, type RemoteTestHooks } from './remote/remoteServices';
import { Fetcher } from './tree/model/fetcher';
import { imagesChildren } from './tree/model/imagesModel';
import { machinesChildren, type ModelContext } from './tree/model/machinesModel';
import { present, type ViewKind } from './tree/model/present';
import { endpointKey, nodeKey, vmKey, type NodeRef, type VmRef } from './config/model/refs';
import { TreeStore } from './tree/model/treeStore';
import { RefreshScheduler, refreshLane, type SchedulerOptions } from './tree/model/refreshScheduler';
import { DbcTreeProvider } from './tree/treeProvider';
import { ContextKeys, type ContextKey } from './ui/contextKeys';
import { Log } from './ui/log';
import type { Prompter } from './ui/model/prompter';
import { vscodePrompter } from './ui/vscodePrompter';
import { VmLogChannels } from './ui/vmLogChannels';
import { InfoDocuments } from './ui/infoDocuments';
import { vmName } from './flows/vmInfo';
import { PortRecords } from './remote/portRecords';
import { vmStateOf } from './tree/model/vmState';
import { GpuMonitorPanels } from './views/gpuMonitor';
import { GpuWatch } from './watch/gpuWatch';
import { PortForwards } from './watch/portForwards';
import { VmSshAccess } from './watch/vmSshAccess';
import { ChainTime } from './chain/chainTime';
import { nodeName } from './tree/model/present';
import { describeError, errorLine } from './ui/model/errorText';
import type { Notifier } from './ui/model/notifier';
import { vscodeNotifier } from './ui/vscodeNotifier';
import { LeaseGuard } from './watch/leaseGuard';

/** What activate() returns: what the views show, read-only, for other extensions and the in-host tests. */
export interface DbcExtensionApi {
  /** The rows of a view under `parentId` (root when omitted), as the user sees them. */
  rows(view: ViewKind, parentId?: string): Promise<{ id: string; label: string; description?: string; tooltip?: string; contextValue: string; icon?: string }[]>;
  /** Reloads every node and resolves when done. */
  refresh(): Promise<void>;
  contextKey(key: ContextKey): boolean;
  /** What the VM's log channel shows (undefined before it was opened). */
  logText(vm: VmRef): string | undefined;
  /** Whether the VM's GPUs are being read now (the view or its GPU monitor is visible). */
  gpuSampling(vm: VmRef): boolean;
}

/** What activate() returns in ExtensionMode.Test only: hooks that script the prompts, redirect the SSH side and collect failures. */
export interface DbcTestApi extends DbcExtensionApi {
  /** Replaces the prompts (tests script answers); undefined restores the real ones. */
  setPrompter(prompter: Prompter | undefined): void;
  /** The failures shown to the user since the last call (and clears them). */
  takeErrors(): string[];
  /** Redirects the SSH features (temp home, fake Remote-SSH install, recorded windows); undefined restores them. */
  setRemoteHooks(hooks: RemoteTestHooks | undefined): void;
  /** The messages the VM's GPU monitor sent to its webview (`out`) and received from it (`in`), oldest first. */
  gpuMonitorMessages(vm: VmRef): { direction: 'in' | 'out'; message: unknown }[];
  /** Replaces the notifications with actions (the lease warnings); undefined restores the real ones. */
  setNotifier(notifier: Notifier | undefined): void;
  /** Resolves once the lease guard has looked at the latest data (its warnings shown, its status bar set). */
  leaseSettled(): Promise<void>;
  /** The lease status bar item's text while it shows. */
  leaseStatus(): string | undefined;
}

function schedulerOptions(s: DbcSettings): Partial<SchedulerOptions> {
  return { concurrency: s.concurrency, maxConcurrency: 64, backgroundMs: s.backgroundIntervalMs, transitionalMs: s.transitionalIntervalMs };
}

export class Services implements CommandServices, vscode.Disposable {
  readonly log = new Log();
  readonly settings = new Settings();
  readonly contextKeys = new ContextKeys();
  readonly store = new TreeStore();
  readonly documents = new InfoDocuments();
  readonly vmLogs: VmLogChannels;
  readonly state: vscode.Memento;
  readonly credentials: CredentialStore;
  readonly keyring: Keyring;
  readonly access: Access;
  readonly clients: ClientRegistry;
  /** Endpoints where the user allowed signed requests over plain http. */
  readonly consents: InsecureHttpConsents;
  readonly tunnels: EndpointTunnels;
  readonly rentOrders: RentOrders;
  readonly fetcher: Fetcher;
  readonly scheduler: RefreshScheduler;
  readonly machines: DbcTreeProvider;
  readonly images: DbcTreeProvider;
  readonly createWatches: CreateWatches;
  readonly remote: RemoteServices;
  readonly readyWatches: ReadyWatches;
  readonly vmSsh: VmSshAccess;
  readonly gpu: GpuWatch;
  readonly forwards: PortForwards;
  readonly portRecords: PortRecords;
  readonly gpuMonitor: GpuMonitorPanels;
  private readonly monitorMessages = new Map<string, { direction: 'in' | 'out'; message: unknown }[]>();
  readonly chain: ChainTime;
  readonly guard: LeaseGuard;
  /** Set in ExtensionMode.Test only: records the failures shown, for the test API. */
  readonly reported?: (id: string, message: string) => void;
  private readonly testMode: boolean;
  private prompterOverride: Prompter | undefined;
  private notifierOverride: Notifier | undefined;
  private errors: string[] = [];
  private readonly owned: { dispose(): unknown }[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.state = context.globalState;
    this.testMode = context.extensionMode === vscode.ExtensionMode.Test;
    this.vmLogs = new VmLogChannels(this.testMode);
    if (this.testMode) this.reported = (id, message) => (this.errors = [...this.errors.slice(-49), `${id}: ${message}`]);
    this.credentials = new CredentialStore(context.secrets, context.globalState);
    this.keyring = new Keyring(this.credentials);
    this.access = new Access(this.credentials, this.keyring, { sessionPolling: () => this.settings.value.useSessionForPolling, log: (m) => this.log.debug(`[auth] ${m}`) });
    this.rentOrders = new RentOrders({
      chosen: (ref) => this.settings.value.endpoints.find((e) => e.url === ref.endpoint)?.nodes.find((n) => n.id === ref.nodeId)?.rentOrder,
      list: (ref, signal) => this.clients.client(ref.endpoint).rentOrders(ref.nodeId, { signal }),
      onChange: (ref) => {
        this.machines?.changed([nodeKey(ref)]);
        this.guard?.changed();
      },
      chooseActions: (ref) => [{ label: vscode.l10n.t('Choose Rent Order…'), run: () => vscode.commands.executeCommand('dbc.node.chooseRentOrder', ref) }],
      log: (m) => this.log.warn(`[rent orders] ${m}`),
    });
    this.consents = new InsecureHttpConsents(context.globalState);
    this.tunnels = new EndpointTunnels({
      env: () => {
        const ssh = this.remote.ssh();
        return { env: ssh.env, home: ssh.home };
      },
      identityFile: () => this.settings.value.sshIdentityFile || undefined,
      agentSocket: process.env['SSH_AUTH_SOCK'] || undefined,
      onHostKey: (endpoint, k) => this.tunnelHostKey(endpoint, k),
    });
    this.clients = new ClientRegistry({
      timeoutMs: () => this.settings.value.requestTimeoutMs, onExchange: (e) => this.log.exchange(e),
      insecureHttpAllowed: (url) => this.consents.allowed(url), tunnel: (url) => this.tunnels.url(url),
      rentOrderFor: (endpoint, nodeId, credential, signal) => this.rentOrders.resolve({ endpoint, nodeId }, credential, signal),
    });
    this.chain = new ChainTime({
      url: () => this.settings.value.chainRpcUrl, timeoutMs: () => Math.min(this.settings.value.requestTimeoutMs, 20_000),
      loopbackOnly: this.testMode, log: (m) => this.log.warn(m),
      onChange: () => {
        this.machines.changed('all');
        this.guard.changed();
      },
    });
    this.fetcher = new Fetcher({ clients: this.clients, access: this.access, store: this.store, log: this.log, rentRecords: this.rentOrders, chain: this.chain });
    this.scheduler = new RefreshScheduler((key, signal) => this.fetcher.refreshKey(key, signal), undefined, undefined, {
      lanes: refreshLane,
      priority: (key) => (this.machines?.expanded(key) ? 0 : 1),
    });
    const load = (req: LoadRequest) => this.load(req);
    const taskInfo = (ref: VmRef) => this.fetcher.taskInfo(ref, 60_000, undefined, true);
    this.machines = new DbcTreeProvider({ view: 'machines', children: machinesChildren, context: () => this.modelContext(), load, taskInfo: (ref) => taskInfo(ref) });
    this.images = new DbcTreeProvider({ view: 'images', children: imagesChildren, context: () => this.modelContext(), load, taskInfo: (ref) => taskInfo(ref) });
    this.createWatches = new CreateWatches({
      log: this.log, read: (ref, signal) => this.fetcher.taskInfo(ref, 0, signal), refresh: (ref) => this.refreshNodes([ref], { immediate: true }),
      intervalMs: () => this.settings.value.transitionalIntervalMs * 3, timeoutMs: () => this.settings.value.createWatchTimeoutMs,
      onRunning: (ref, name, info) => this.readyWatches.handOver(ref, name, info),
    });
    this.remote = new RemoteServices(this.settings);
    this.readyWatches = new ReadyWatches({
      log: this.log, read: (ref, signal) => this.fetcher.taskInfo(ref, 0, signal), mode: () => this.settings.value.connectWhenReady,
      runningTimeoutMs: () => this.settings.value.createWatchTimeoutMs, pollMs: () => this.settings.value.transitionalIntervalMs,
      onCount: (n) => void this.contextKeys.set('dbc.connectPending', n > 0),
    });
    this.guard = new LeaseGuard({
      log: this.log, state: this.state, chain: this.chain, records: (ref) => this.rentOrders.peek(ref)?.value,
      nodes: () => this.nodeRefs().map((ref) => ({ ref, wallet: this.access.summary(ref)?.address })),
      nodeName: (ref) => nodeName(this.modelContext(), ref),
      thresholds: () => this.settings.value.leaseWarnBeforeSeconds,
      notifier: () => this.notifierOverride ?? vscodeNotifier,
      readRentOrders: async (ref) => void (await this.rentOrders.fresh(ref, 0)),
      redraw: (refs) => this.machines.changed(refs.map(nodeKey)),
    });
    this.vmSsh = new VmSshAccess({
      taskInfo: (ref, maxAgeMs) => this.fetcher.taskInfo(ref, maxAgeMs, undefined, true), ssh: () => this.remote.ssh(),
      idleMs: () => Math.max(20_000, this.settings.value.gpuIntervalMs * 3),
    });
    this.gpu = new GpuWatch({ access: this.vmSsh, intervalMs: () => this.settings.value.gpuIntervalMs, log: this.log });
    this.forwards = new PortForwards(this.vmSsh, this.log);
    this.portRecords = new PortRecords(this.remote, this.log);
    this.gpuMonitor = new GpuMonitorPanels({
      extensionUri: context.extensionUri, gpu: this.gpu, name: (ref) => vmName(this, ref), intervalMs: () => this.settings.value.gpuIntervalMs,
      ...(this.testMode ? { record: (ref: VmRef, direction: 'in' | 'out', message: unknown) => this.recordMonitor(ref, direction, message) } : {}),
    });
    this.owned.push(this.guard, this.readyWatches, this.createWatches, this.machines, this.images, this.vmLogs, this.documents, this.settings, { dispose: () => this.scheduler.dispose() }, this.tunnels);
    this.owned.push(this.gpuMonitor, this.forwards, this.gpu, this.portRecords, { dispose: () => this.vmSsh.dispose() });
    this.owned.push(
      this.store.onDidChange((keys) => this.storeChanged(keys)),
      this.settings.onDidChange(() => this.applySettings()),
      this.vmLogs.onDidChangeFollowing((key) => this.followingChanged(key)),
      this.gpu.onDidChange((key) => this.machines.changed([key])),
      this.forwards.onDidChange((key) => {
        this.machines.changed([key]);
        void this.contextKeys.set('dbc.portsForwarded', this.forwards.count() > 0);
      }),
      this.portRecords.onDidChange((key) => this.machines.changed([key])),
      this.credentials.onDidChange(() => this.credentialsChanged()),
      context.secrets.onDidChange((e) => {
        this.keyring.secretChanged(e.key);
        this.credentialsChanged();
      }),
    );
    this.applySettings();
  }

  get prompter(): Prompter {
    return this.prompterOverride ?? vscodePrompter;
  }

  /** Writes the initial context keys (no network, no crypto). */
  async start(): Promise<void> {
    await this.contextKeys.init();
    await this.updateContextKeys();
    await this.contextKeys.set('dbc.ready', true);
  }

  machinesVisible(visible: boolean): void {
    this.gpu.setTreeVisible(visible);
  }

  own(...disposables: { dispose(): unknown }[]): void {
    this.owned.push(...disposables);
  }

  modelContext(): ModelContext {
    return {
      endpoints: this.settings.value.endpoints, store: this.store, credentialFor: (ref) => this.access.summary(ref), t: vscode.l10n.t,
      isFollowing: (ref) => this.vmLogs.isFollowing(vmKey(ref)),
      gpu: (ref) => this.gpu.view(ref),
      forwards: (ref) => this.forwards.list(ref),
      customPorts: (ref) => this.portRecords.peek(ref),
      rentOrderOf: (ref) => this.rentOrders.view(ref),
      leases: (ref) => this.guard.leasesOf(ref),
      chainError: () => (this.chain.lastError === undefined ? undefined : errorLine(describeError(this.chain.lastError, vscode.l10n.t))),
    };
  }

  nodeRefs(): NodeRef[] {
    return this.settings.value.endpoints.flatMap((e) => e.nodes.map((n) => ({ endpoint: e.url, nodeId: n.id })));
  }

  refreshNodes(refs?: readonly NodeRef[], opts: { immediate?: boolean } = {}): Promise<void> {
    return this.scheduler.refresh(refs?.map(nodeKey), opts);
  }

  async refreshAll(): Promise<void> {
    this.store.invalidate();
    this.rentOrders.forget();
    this.chain.invalidate();
    this.machines.changed('all');
    this.images.changed('all');
    await this.scheduler.refresh(undefined, { immediate: true });
  }

  refreshAfterUnknown(): void {
    void this.scheduler.refresh();
  }

  /** The read-only API; in ExtensionMode.Test also the test hooks. */
  api(): DbcExtensionApi | DbcTestApi {
    const api: DbcExtensionApi = {
      rows: async (view, parentId) => {
        const provider = view === 'machines' ? this.machines : this.images;
        const parent: Element | undefined = parentId === undefined ? undefined : provider.find(parentId);
        if (parentId !== undefined && !parent) throw new Error(`no row ${parentId} has been shown in ${view}`);
        const children = await provider.getChildren(parent);
        return children.map((el) => {
          const p = present(this.modelContext(), el, view);
          return { id: p.id, label: p.label, description: p.description, tooltip: p.tooltip, contextValue: p.contextValue, icon: p.icon?.id };
        });
      },
      refresh: () => this.refreshAll(),
      contextKey: (key) => this.contextKeys.get(key),
      logText: (vm) => this.vmLogs.peek(vmKey(vm))?.text(),
      gpuSampling: (vm) => this.gpu.isSampling(vm),
    };
    if (!this.testMode) return api;
    const hooks: DbcTestApi = {
      ...api,
      setPrompter: (p) => {
        this.prompterOverride = p;
      },
      takeErrors: () => this.errors.splice(0),
      setRemoteHooks: (hooks) => {
        this.remote.setHooks(hooks);
        this.portRecords.reset();
      },
      gpuMonitorMessages: (vm) => [...(this.monitorMessages.get(vmKey(vm)) ?? [])],
      setNotifier: (n) => {
        this.notifierOverride = n;
      },
      leaseSettled: () => this.guard.settled(),
      leaseStatus: () => this.guard.statusText,
    };
    return hooks;
  }

  private load(req: LoadRequest): Promise<void> {
    return req.kind === 'tasks' ? this.refreshNodes([req.ref], { immediate: true }) : this.fetcher.load(req);
  }

  private applySettings(): void {
    const s = this.settings.value;
    for (const p of s.endpointProblems) this.log.warn(`[settings] ${p}`);
    const refs = this.nodeRefs();
    this.store.retain(s.endpoints.map((e) => e.url), refs);
    this.clients.retain(s.endpoints.map((e) => e.url));
    this.tunnels.retain(s.endpoints.map((e) => e.url));
    this.scheduler.setOptions(schedulerOptions(s));
    this.scheduler.setKeys([...s.endpoints.map((e) => endpointKey(e.url)), ...refs.map(nodeKey)]);
    this.gpu.applySettings();
    this.machines.changed('all');
    this.images.changed('all');
    this.guard.changed();
    void this.updateContextKeys();
  }

  /** An SSH tunnel logged in: the host key is logged, and shown the first time it is learned. */
  private tunnelHostKey(endpoint: string, k: HostKeyOutcome): void {
    this.log.info(`[ssh] tunnel to ${endpoint}: host key ${k.type} ${k.fingerprint}${k.learned ? ' (new, learned)' : ''}`);
    if (k.learned) void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0} through SSH. Its host key is new and was saved: {1} {2}', endpoint, k.type, k.fingerprint));
  }

  private followingChanged(key: string): void {
    this.machines.changed([key]);
    void this.contextKeys.set('dbc.logsFollowing', this.vmLogs.followingKeys().length > 0);
  }

  private credentialsChanged(): void {
    this.guard.changed();
    this.machines.changed('all');
    this.images.changed('all');
    void this.updateContextKeys();
  }

  private storeChanged(keys: readonly string[]): void {
    this.machines.changed(keys);
    this.guard.changed();
    this.images.changed(keys.map((k) => `img:${k}`));
    const { loaded, vms, vmKeys } = this.store.summary();
    this.vmLogs.retain(vmKeys);
    const running = this.runningVms();
    this.gpu.syncRunning(running);
    this.forwards.retainRunning(running);
    void this.contextKeys.set('dbc.vmPresent', vms > 0);
    if (loaded > 0) void this.contextKeys.set('dbc.loaded', true);
  }

  /** The VMs the loaded task lists show running (GPU readings and port forwards live only while they run). */
  private runningVms(): VmRef[] {
    return this.nodeRefs().flatMap((ref) => (this.store.peekNode(ref)?.tasks?.value ?? [])
      .filter((task) => vmStateOf(task.status) === 'running')
      .map((task) => ({ ...ref, taskId: task.task_id })));
  }

  private recordMonitor(ref: VmRef, direction: 'in' | 'out', message: unknown): void {
    const list = this.monitorMessages.get(vmKey(ref)) ?? [];
    list.push({ direction, message });
    this.monitorMessages.set(vmKey(ref), list.slice(-200));
  }

  private async updateContextKeys(): Promise<void> {
    const s = this.settings.value;
    await this.contextKeys.set('dbc.endpointConfigured', s.endpoints.length > 0);
    await this.contextKeys.set('dbc.nodeConfigured', s.endpoints.some((e) => e.nodes.length > 0));
    await this.contextKeys.set('dbc.credentialConfigured', this.credentials.list().length > 0);
    if (!s.endpoints.some((e) => e.nodes.length > 0)) await this.contextKeys.set('dbc.loaded', true);
  }

  dispose(): void {
    for (const d of this.owned.splice(0).reverse()) d.dispose();
    this.log.dispose();
  }
}
