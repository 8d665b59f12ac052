// `dbc node lease`: how long each rental of a wallet on the GPU node has left. The rentals and their
// end blocks come from the node's rent cache (it keeps ended ones), the current block and renewed
// ends from the DBC chain (--chain, DBC_CHAIN_RPC). Without the chain the end blocks still print.
import type { Command } from 'commander';
import { isWalletAddress } from '../../chain/client';
import { shortDuration } from '../../chain/duration';
import { leaseTime, type BlockReading, type Lease, type LeaseTime } from '../../chain/lease';
import { readNodeLeases } from '../../chain/leaseReader';
import { errorMessage } from '../../util/errorMessage';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { UsageError } from '../exitCodes';

interface LeaseRow {
  rent_order: string | null;
  status: string;
  rent_status: string;
  gpu_index: number[];
  rent_end_block: number;
  current_block: number | null;
  seconds_left: number | null;
  ends_at: string | null;
  deleted_after?: string;
}

export function registerLeaseCommand(node: Command, rt: Runtime): void {
  examples(node.command('lease')
    .description('how long each rental of your wallet on the GPU node (--node) has left, from the node\'s rent orders and the DBC chain (--chain)')
    .option('--wallet <address>', 'whose rentals (default: the signing wallet; no credential needed with this)')
    .addHelpText('after', '\nstatus: renting or waitingVerifying before the end; ended once the chain is past the end block\n(the node shuts the VMs off); deleted once 3 days of blocks have passed (the node deletes them).')
    .action(action<{ wallet?: string }>(rt, (ctx, _args, opts) => printLeases(ctx, opts.wallet))),
  ['dbc node lease --node $NODE', 'dbc node lease --json --chain https://httpinfo.dbcwallet.io', 'dbc node lease --wallet 5F… --json']);
}

async function printLeases(ctx: CliContext, walletOpt: string | undefined): Promise<void> {
  const nodeId = ctx.nodeId();
  const wallet = walletOpt?.trim() || (await ctx.credential()).address;
  if (!isWalletAddress(wallet)) throw new UsageError(`--wallet must be an SS58 wallet address such as 5F… (got "${wallet}")`);
  const chain = ctx.chain();
  const client = ctx.client();
  const read = await readNodeLeases({ rentRecords: (id, signal) => client.rentOrders(id, { signal }), chain }, nodeId, wallet, ctx.signal);
  if (read.chainError !== undefined) {
    ctx.printer.note(`dbc: time left unknown: the chain at ${chain.url} did not answer (${errorMessage(read.chainError)}); pass --chain URL or set DBC_CHAIN_RPC`);
  }
  for (const w of read.warnings) ctx.printer.note(`dbc: warning: ${w}; the node's end block is used`);
  const now = Date.now();
  const rows = read.leases.map((l) => leaseRow(l, leaseTime(l, read.reading, now), read.reading));
  if (ctx.printer.json) return ctx.printer.printJson(rows);
  ctx.printer.table(rows, [
    { header: 'RENT_ORDER', value: (r) => r.rent_order ?? '(whole machine)' },
    { header: 'STATUS', value: (r) => r.status },
    { header: 'GPUS', value: (r) => r.gpu_index.join(',') },
    { header: 'ENDS_AT_BLOCK', value: (r) => String(r.rent_end_block) },
    { header: 'TIME_LEFT', value: timeLeft },
    { header: 'ENDS_AT', value: (r) => r.ends_at ?? '' },
    { header: 'DELETED_AFTER', value: (r) => r.deleted_after ?? '' },
  ], `(no rentals of ${wallet} on this node)`);
}

function leaseRow(l: Lease, t: LeaseTime, reading: BlockReading | undefined): LeaseRow {
  const known = t.phase !== 'unknown';
  return {
    rent_order: l.rentOrder ?? null,
    status: t.phase === 'renting' || !known ? l.rentStatus : t.phase,
    rent_status: l.rentStatus,
    gpu_index: l.gpuIndex,
    rent_end_block: l.rentEndBlock,
    current_block: reading ? t.currentBlock ?? reading.block : null,
    seconds_left: t.secondsLeft ?? null,
    ends_at: t.endsAtMs === undefined ? null : iso(t.endsAtMs),
    ...(t.phase === 'ended' || t.phase === 'deleted' ? { deleted_after: iso(t.deleteAtMs!) } : {}),
  };
}

function timeLeft(r: LeaseRow): string {
  if (r.seconds_left === null) return 'unknown';
  return r.seconds_left > 0 ? shortDuration(r.seconds_left) : `ended ${shortDuration(-r.seconds_left)} ago`;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
