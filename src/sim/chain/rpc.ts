// The chain's JSON-RPC 2.0 at `POST /` of the simulator's HTTP port: the calls the GPU node makes
// (HttpDBCChainClient.cpp) with the reply shapes of DeepBrainChain-MainChain (pallets/rent-machine/rpc,
// serde camelCase). On a real client node `POST /` is an invalid uri; here it is the chain.
import type { SimContext } from '../context';
import { isRecord } from '../format';
import type { Reply } from '../http/reply';
import { isWholeMachineRecord } from '../rent';
import type { NodeState } from '../state';
import { CHAIN_DEFAULT_ACCOUNT, chainOrders, chainWholeRental, currentBlock, findChainOrder } from './chainView';

type Id = string | number | null;

class RpcFailure extends Error {
  constructor(readonly code: number, message: string, readonly data?: string) {
    super(message);
  }
}

const invalidParams = (data: string) => new RpcFailure(-32602, 'Invalid params', data);

const reply = (body: unknown): Reply => ({ status: 200, body: JSON.stringify(body) });

export function handleChainRpc(sim: SimContext, text: string): Reply {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return reply({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  }
  const id: Id = isRecord(doc) && (typeof doc.id === 'string' || typeof doc.id === 'number') ? doc.id : null;
  if (!isRecord(doc) || doc.jsonrpc !== '2.0' || typeof doc.method !== 'string') {
    return reply({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid request' }, id });
  }
  const params = doc.params === undefined ? [] : doc.params;
  sim.counters.countChain(doc.method);
  try {
    return reply({ jsonrpc: '2.0', result: call(sim, doc.method, Array.isArray(params) ? params : [params]), id });
  } catch (e) {
    if (!(e instanceof RpcFailure)) throw e;
    return reply({ jsonrpc: '2.0', error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) }, id });
  }
}

function call(sim: SimContext, method: string, params: unknown[]): unknown {
  const block = currentBlock(sim);
  switch (method) {
    case 'chain_getBlock': return blockDoc(block);
    case 'rentMachine_getMachineRentId': return machineRentIds(machineOf(sim, params[0]), block);
    case 'rentMachine_getRentOrder': return rentOrder(sim, params[0], block);
    case 'rentMachine_isMachineRenter': return isMachineRenter(machineOf(sim, params[0]), walletOf(params[1]), block);
    default: throw new RpcFailure(-32601, 'Method not found');
  }
}

/** A signed block as `chain_getBlock` returns it; only the header's number means anything here. */
function blockDoc(block: number): unknown {
  const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  return {
    block: {
      header: { parentHash: hash(Math.max(0, block - 1)), number: `0x${block.toString(16)}`, stateRoot: hash(0), extrinsicsRoot: hash(0), digest: { logs: [] } },
      extrinsics: [],
    },
    justifications: null,
  };
}

function machineOf(sim: SimContext, param: unknown): NodeState | undefined {
  if (typeof param !== 'string') throw invalidParams('invalid type: expected a string');
  return sim.state.nodes.get(param);
}

function walletOf(param: unknown): string {
  if (typeof param !== 'string') throw invalidParams('invalid type: expected a string');
  return param;
}

/** `MachineGPUOrder { rentOrder, usedGpu }`; a machine the chain does not know has the default (empty). */
function machineRentIds(node: NodeState | undefined, block: number): unknown {
  const orders = node ? chainOrders(node, block) : [];
  const used = [...new Set(orders.flatMap((o) => o.gpuIndexes))].sort((a, b) => a - b);
  return { rentOrder: orders.map((o) => Number(o.id)).sort((a, b) => a - b), usedGpu: used };
}

/**
 * By order id (a number): the order while the chain holds it, else the current chain's
 * `-32603 Something wrong / NotFound`. By machine id (a string, the node's whole-machine form): for a
 * machine rented as a whole, as the older chain answered it (the rental, or after its end the default:
 * zero account, rent end 0); for any other machine as the current chain does, `-32602 Invalid params`.
 */
function rentOrder(sim: SimContext, param: unknown, block: number): unknown {
  if (typeof param === 'number' && Number.isSafeInteger(param) && param >= 0) {
    const found = findChainOrder(sim, String(param), block);
    if (!found) throw new RpcFailure(-32603, 'Something wrong', 'NotFound');
    const { node, order } = found;
    return {
      machineId: node.nodeId, renter: order.renter, rentEnd: order.rentEnd, rentStatus: order.status,
      gpuNum: order.gpuNum, gpuIndex: order.gpuIndexes,
    };
  }
  if (typeof param === 'string') {
    const node = sim.state.nodes.get(param);
    if (!node?.rentOrders.some(isWholeMachineRecord)) throw invalidParams(`invalid type: string "${param.slice(0, 80)}", expected u64`);
    const whole = chainWholeRental(node, block);
    if (!whole) return { machineId: param, renter: CHAIN_DEFAULT_ACCOUNT, rentEnd: 0, rentStatus: 'rentExpired', gpuNum: 0, gpuIndex: [] };
    return { machineId: param, renter: whole.renter, rentEnd: whole.rentEnd, rentStatus: whole.status, gpuNum: whole.gpuNum, gpuIndex: whole.gpuIndexes };
  }
  throw invalidParams('invalid type: expected u64');
}

/** True when one of the machine's orders on the chain (or its whole-machine rental) is the wallet's. */
function isMachineRenter(node: NodeState | undefined, wallet: string, block: number): boolean {
  if (!node) return false;
  return chainOrders(node, block).some((o) => o.renter === wallet) || chainWholeRental(node, block)?.renter === wallet;
}
