// The DBC chain calls a renter's tools need, exactly as the GPU node makes them
// (HttpDBCChainClient.cpp): the current block, a machine's rent orders, one order, whether a wallet
// rents a machine. All are reads: each may be sent a second time after a transient failure.
import { requireNodeId, requireRentOrder } from '../api/ids';
import { RequestError } from '../api/requestError';
import { isRecord } from '../util/isRecord';
import { parseBlockNumber } from './blocks';
import { ChainReplyError, ChainRpcError } from './errors';
import { JsonRpc, type JsonRpcOptions, type RpcCallOptions } from './rpc';

export interface ChainRentOrder {
  renter: string;
  /** The block at which the rental ends. */
  rentEnd: number;
  /** `waitingVerifying`, `renting` or `rentExpired`. */
  rentStatus: string;
  /** Per-GPU orders only. */
  gpuNum?: number;
  gpuIndex?: number[];
}

/**
 * The chain's default account (all zero bytes): an older chain answered an unknown or ended order with
 * it and `rentEnd` 0 (RentOrderManager.cpp then keeps its cached record); the current one answers an error.
 */
export const CHAIN_DEFAULT_ACCOUNT = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM';

type Opts = Omit<RpcCallOptions, 'read'>;

export class ChainClient {
  private readonly rpc: JsonRpc;

  constructor(options: JsonRpcOptions) {
    this.rpc = new JsonRpc(options);
  }

  get url(): string {
    return this.rpc.url;
  }

  /** `chain_getBlock []` → `result.block.header.number` (hex). */
  async currentBlock(o: Opts = {}): Promise<number> {
    const method = 'chain_getBlock';
    const result = await this.read(method, '[]', o);
    const block = isRecord(result) && isRecord(result['block']) ? result['block'] : undefined;
    const header = block && isRecord(block['header']) ? block['header'] : undefined;
    const number = parseBlockNumber(header?.['number']);
    if (number === undefined) throw new ChainReplyError(method, 'no hex block number at result.block.header.number');
    return number;
  }

  /** `rentMachine_getMachineRentId ["<node_id>"]` → the ids of the machine's rent orders (decimal text). */
  async machineRentOrderIds(nodeId: string, o: Opts = {}): Promise<string[]> {
    const method = 'rentMachine_getMachineRentId';
    const result = await this.read(method, JSON.stringify([requireNodeId(nodeId)]), o);
    const ids = isRecord(result) ? result['rentOrder'] : undefined;
    if (!Array.isArray(ids)) throw new ChainReplyError(method, 'no rentOrder array');
    return ids.map((id) => {
      if (!Number.isSafeInteger(id) || (id as number) < 0) throw new ChainReplyError(method, `rent order id ${JSON.stringify(id)} is not a whole number below 2^53`);
      return String(id);
    });
  }

  /** `rentMachine_getRentOrder [<order id>]`, the id unquoted. Undefined when the chain no longer has the order (it drops an order at its end block). */
  async rentOrder(orderId: string, o: Opts = {}): Promise<ChainRentOrder | undefined> {
    return this.readRentOrder(`[${requireRentOrder(orderId).replace(/^0+(?=\d)/, '')}]`, true, o);
  }

  /** The whole-machine form, `rentMachine_getRentOrder ["<node_id>"]` (older chains; newer ones take only order ids). */
  async machineRentOrder(nodeId: string, o: Opts = {}): Promise<ChainRentOrder | undefined> {
    return this.readRentOrder(JSON.stringify([requireNodeId(nodeId)]), false, o);
  }

  /** `rentMachine_isMachineRenter ["<node_id>", "<wallet>"]`. */
  async isMachineRenter(nodeId: string, wallet: string, o: Opts = {}): Promise<boolean> {
    const method = 'rentMachine_isMachineRenter';
    const result = await this.read(method, JSON.stringify([requireNodeId(nodeId), requireWallet(wallet)]), o);
    if (typeof result !== 'boolean') throw new ChainReplyError(method, 'result is not true or false');
    return result;
  }

  private async readRentOrder(params: string, perGpu: boolean, o: Opts): Promise<ChainRentOrder | undefined> {
    const method = 'rentMachine_getRentOrder';
    const result = await this.read(method, params, o).catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (result === null) return undefined;
    const order = parseRentOrder(method, result, perGpu);
    return order.renter === CHAIN_DEFAULT_ACCOUNT && order.rentEnd === 0 ? undefined : order;
  }

  private read(method: string, params: string, o: Opts): Promise<unknown> {
    return this.rpc.call(method, params, { ...o, read: true });
  }
}

/**
 * How the current chain (jsonrpsee, DeepBrainChain-MainChain pallets/rent-machine/rpc) answers an order
 * it does not have, ended ones included: `{"code": -32603, "message": "Something wrong", "data": "NotFound"}`.
 */
function isNotFound(err: unknown): boolean {
  return err instanceof ChainRpcError && err.code === -32603 && err.data === 'NotFound';
}

/** The fields the node reads (renter, rentEnd, rentStatus; gpuNum and gpuIndex for an order), checked as strictly. */
function parseRentOrder(method: string, r: unknown, perGpu: boolean): ChainRentOrder {
  if (!isRecord(r)) throw new ChainReplyError(method, 'result is not an object');
  const { renter, rentEnd, rentStatus, gpuNum, gpuIndex } = r;
  if (typeof renter !== 'string') throw new ChainReplyError(method, 'renter is not a string');
  if (!Number.isSafeInteger(rentEnd) || (rentEnd as number) < 0) throw new ChainReplyError(method, 'rentEnd is not a block number');
  if (typeof rentStatus !== 'string') throw new ChainReplyError(method, 'rentStatus is not a string');
  const order: ChainRentOrder = { renter, rentEnd: rentEnd as number, rentStatus };
  if (!perGpu) return order;
  if (!Number.isInteger(gpuNum)) throw new ChainReplyError(method, 'gpuNum is not a number');
  if (!Array.isArray(gpuIndex) || !gpuIndex.every((i) => Number.isInteger(i) && i >= 0)) throw new ChainReplyError(method, 'gpuIndex is not a list of GPU indexes');
  return { ...order, gpuNum: gpuNum as number, gpuIndex: gpuIndex as number[] };
}


/** The shape of an SS58 address (base58, 40–50 characters); the checksum is the chain's business. */
export function isWalletAddress(text: string): boolean {
  return /^[1-9A-HJ-NP-Za-km-z]{40,50}$/.test(text);
}

function requireWallet(wallet: string): string {
  if (!isWalletAddress(wallet)) throw new RequestError(`Invalid wallet address "${wallet}": expected an SS58 address such as 5F…`);
  return wallet;
}
