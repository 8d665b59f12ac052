// The built-in demo world, used when no scenario file is given. Keys come from fixed seeds, so the
// node ids are real sr25519 public keys and the renter can sign (a test checks the derivations).
import type { Scenario } from './scenario';

/** 32-byte secret seed (hex) of the demo renter wallet: `Keyring.addFromUri(DEMO_RENTER_SEED)`. */
export const DEMO_RENTER_SEED = '0x2ac360e834558e325bf5a0c39e81bbe3379e40010d6d38f20106b4b750c26e52';
export const DEMO_RENTER_ADDRESS = '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN';

/** A second wallet that rents nothing in the demo (useful for "wallet not rented"). */
export const DEMO_OTHER_SEED = '0x35880a81c48585329832f206acc156be5aaa6ce68b01cd4d2cb9b07c2c73be64';
export const DEMO_OTHER_ADDRESS = '5G1gFcJ8G1KUhCUaoMdZ5g8A8jsFYfbETEGUsWhARpzY6BDS';

export const DEMO_NODE_A_SEED = '0x25473d20449f28a8ff5656515f95d07249cd32bcdd6ac0f9e985bddb5776f0d6';
export const DEMO_NODE_B_SEED = '0x43c6beec77ae70199d66180ca67bf34f6f08a7c49981ce3e38e6e8b3693d9e24';
export const DEMO_NODE_ONLINE_SEED = '0xfa34bf49110c03f535b2a5057067c2e483e8ed46b85c8c3e9f16b31db2b001e1';

/** Rented by the demo renter; 8 GPUs; runs DEMO_TASK_ID. */
export const DEMO_NODE_A_ID = '9ca18c3054f7c35c894ba78289f6ffa7b422e6945c5e7ef1442ff35420be5369';
/** Rented by the demo renter; 4 GPUs; no VMs. */
export const DEMO_NODE_B_ID = '1c112c68928545fbb0afbf7806885a39d29360e09a7175e1d48bf600e2c0e106';
/** Online, not rented: every authorized call fails with `machine is not be rented`. */
export const DEMO_NODE_ONLINE_ID = 'aa8e7f05d34412eb0fe33f7ca0d873017a2bc8ef2bf5da23e0c0eb1f87da7b2c';
export const DEMO_NODE_C_SEED = '0x9aeb93e51e14bf1853b3d30a742dba67a5d2cd1f5a28d6265fa313ab2cc82026';
/** Rented per GPU: the renter's order DEMO_LEASE_ORDER (GPUs 2 and 3) ends an hour into the demo; runs DEMO_LEASE_TASK_ID. */
export const DEMO_NODE_C_ID = '3e294020d5b60f4632c291a25854df20a2d7552e7a7e1eafa529c57fc99d664e';
export const DEMO_NODE_IDS = [DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_NODE_ONLINE_ID, DEMO_NODE_C_ID] as const;

/** The chain's block when the demo starts; one block every 6 simulated seconds. */
export const DEMO_CHAIN_BLOCK = 4_000_000;
/** The renter's rent order on node C, and the block at which it ends: one hour (600 blocks) after the start. */
export const DEMO_LEASE_ORDER = '1042';
export const DEMO_LEASE_END = DEMO_CHAIN_BLOCK + 600;
/** Another renter's order on node C (GPUs 0 and 1), 30 days long. */
export const DEMO_OTHER_ORDER = '1037';
/** The VM on the rental that ends soon: shut off at its end, deleted 3 days of blocks later. */
export const DEMO_LEASE_TASK_ID = 'DemoVm2LeaseEndsTask01';
export const DEMO_LEASE_TASK_SSH_PORT = '20023';

/** The demo renter's virtual LAN, created on node A; the demo VM is in it. */
export const DEMO_LAN_NAME = 'demolan1';
export const DEMO_LAN_CIDR = '10.66.0.0/24';

/** The VM that is already running on node A. */
export const DEMO_TASK_ID = 'DemoVm1RunningTask0001';
export const DEMO_TASK_SSH_PORT = '20022';
export const DEMO_IMAGE_SERVERS = ['ID_1', 'ID_2'] as const;

export function demoScenario(): Scenario {
  return {
    chain_block: DEMO_CHAIN_BLOCK,
    nodes: [
      {
        node_id: DEMO_NODE_A_ID, name: 'sim-gpu-a', status: 'rented', renter: DEMO_RENTER_ADDRESS,
        rent_status: 'renting', gpu_count: 8, gpu_model: 'NVIDIA GeForce RTX 4090', cpu_cores: 64, mem_gb: 256,
        disk_gb: 4000, images: ['ubuntu.qcow2', 'ubuntu22.04.qcow2', 'windows10.qcow2'],
        tasks: [{
          task_id: DEMO_TASK_ID, status: 'running', os: 'linux', image_name: 'ubuntu.qcow2',
          ssh_port: DEMO_TASK_SSH_PORT, vnc_port: '5901', gpu_count: 1, cpu_cores: 8, mem_gb: 32, disk_gb: 200,
          desc: 'demo-vm', network_name: DEMO_LAN_NAME,
        }],
      },
      {
        node_id: DEMO_NODE_B_ID, name: 'sim-gpu-b', status: 'rented', renter: DEMO_RENTER_ADDRESS,
        rent_status: 'renting', gpu_count: 4, gpu_model: 'NVIDIA A100 80GB PCIe', cpu_cores: 32, mem_gb: 128,
        disk_gb: 2000, images: ['ubuntu.qcow2', 'ubuntu22.04.qcow2'],
      },
      {
        node_id: DEMO_NODE_ONLINE_ID, name: 'sim-gpu-online', status: 'online', gpu_count: 2,
        gpu_model: 'NVIDIA GeForce RTX 3090', cpu_cores: 16, mem_gb: 64, disk_gb: 1000, images: ['ubuntu.qcow2'],
      },
      {
        node_id: DEMO_NODE_C_ID, name: 'sim-gpu-c', status: 'rented', gpu_count: 8, gpu_model: 'NVIDIA GeForce RTX 4090',
        cpu_cores: 64, mem_gb: 256, disk_gb: 4000, images: ['ubuntu.qcow2'],
        rent_orders: [
          { id: DEMO_LEASE_ORDER, renter: DEMO_RENTER_ADDRESS, gpu_index: [2, 3], rent_end: DEMO_LEASE_END },
          { id: DEMO_OTHER_ORDER, renter: DEMO_OTHER_ADDRESS, gpu_index: [0, 1], rent_end: DEMO_CHAIN_BLOCK + 30 * 24 * 600 },
        ],
        tasks: [{
          task_id: DEMO_LEASE_TASK_ID, status: 'running', os: 'linux', image_name: 'ubuntu.qcow2', rent_order: DEMO_LEASE_ORDER,
          ssh_port: DEMO_LEASE_TASK_SSH_PORT, vnc_port: '5902', cpu_cores: 16, mem_gb: 64, disk_gb: 200, desc: 'lease-ends-soon',
        }],
      },
    ],
    image_servers: [
      {
        id: 'ID_1', ip: '127.0.0.1', port: 873, images: [
          { name: 'ubuntu.qcow2', size_gb: 10 }, { name: 'ubuntu22.04.qcow2', size_gb: 12 },
          { name: 'windows10.qcow2', size_gb: 30 }, { name: 'cuda12.2-ubuntu22.04.qcow2', size_gb: 24 },
        ],
      },
      { id: 'ID_2', ip: '127.0.0.1', port: 873, images: [{ name: 'ubuntu.qcow2', size_gb: 10 }, { name: 'debian12.qcow2', size_gb: 8 }] },
    ],
    client_images: [{ name: 'my-image.qcow2', size_gb: 5 }],
    networks: [{ name: DEMO_LAN_NAME, ip_cidr: DEMO_LAN_CIDR, owner: DEMO_RENTER_ADDRESS, node_id: DEMO_NODE_A_ID }],
    // A plain Debian image ships no NVIDIA driver: its VMs answer `nvidia-smi: command not found`.
    guest: { images_without_nvidia_smi: ['debian12.qcow2'] },
  };
}
