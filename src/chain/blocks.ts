// Time on the DBC chain is counted in blocks: one block every 6 seconds (600 an hour), and rent ends
// are block numbers. The GPU node turns a VM off once the chain is past its rent's end and deletes it
// 3 days of blocks later (TaskManager.cpp prune_task_thread_func, `order_rent_end + 600 * 24 * 3`); a
// whole-machine rental without an order is kept 10 days (`wallet_rent_end + 600 * 24 * 10`).

export const BLOCK_SECONDS = 6;
export const BLOCK_MS = BLOCK_SECONDS * 1000;
export const BLOCKS_PER_HOUR = 600;
export const BLOCKS_PER_DAY = BLOCKS_PER_HOUR * 24;
/** Blocks after a rent order's end at which the node deletes the VM. */
export const ORDER_DELETE_AFTER_BLOCKS = BLOCKS_PER_DAY * 3;
/** Blocks after a whole-machine rental's end at which the node deletes the VM (once another renter holds the machine). */
export const WHOLE_MACHINE_DELETE_AFTER_BLOCKS = BLOCKS_PER_DAY * 10;

/**
 * The block number of `chain_getBlock` (`result.block.header.number`): a hex string such as `0x3d0900`.
 * The node reads it with strtol(…, 16); we are stricter and return undefined for anything else.
 */
export function parseBlockNumber(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^0x[0-9a-fA-F]{1,13}$/.test(text)) return undefined;
  return Number.parseInt(text.slice(2), 16);
}
