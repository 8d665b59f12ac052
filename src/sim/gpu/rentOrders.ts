// R1 `POST /api/v1/rent_orders[/<id>]` on the GPU node (node_request_service.cpp
// query_node_rent_orders): the whole rent cache of the node, every renter's records, at most 51,
// in id order (a std::map of strings). Nothing is checked: no signature, no rent; the id is ignored.
import { sortedRecords } from '../rent';
import type { GpuCall } from './call';
import { ok, type GpuDoc } from './doc';

const MAX_LISTED = 51;

export function rentOrders(c: GpuCall): GpuDoc {
  const records = sortedRecords(c.node).slice(0, MAX_LISTED);
  return ok({
    rent_orders: records.map((o) => ({
      id: o.id, renter: o.renter, rent_end: String(o.rentEnd), rent_status: o.status, gpu_nums: String(o.gpuNum),
      gpu_index: o.gpuIndexes,
    })),
  });
}
