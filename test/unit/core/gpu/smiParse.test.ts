// nvidia-smi's CSV as real drivers print it: normal rows, [N/A] / [Not Supported] values, MIG mode and
// MIG process rows, units left in, warnings, and the ways the command fails.
import * as assert from 'assert';
import { readGpuStatus, type CommandResult } from '../../../../src/core/gpu/gpuStatus';
import { gpuReadingJson } from '../../../../src/core/gpu/gpuJson';
import { parseAppRows, parseGpuRows, SmiParseError } from '../../../../src/core/gpu/smiParse';
import { APP_QUERY, GPU_QUERY } from '../../../../src/core/gpu/smiQuery';

const U0 = 'GPU-4c5b8ac0-1a94-f1c1-5ae2-2c3b3bb8e7e6';
const U1 = 'GPU-9d0f4b12-77aa-03e1-c2d4-5e6f7a8b9c0d';

// Two RTX 4090s, as `--format=csv,noheader,nounits` prints them.
const TWO_4090 = `0, ${U0}, NVIDIA GeForce RTX 4090, 87, 21034, 24564, 65, 312.45\n1, ${U1}, NVIDIA GeForce RTX 4090, 0, 2, 24564, 31, 18.92\n`;

describe('nvidia-smi parsing', () => {
  it('reads each --query-gpu row in the queried column order', () => {
    const { rows, warnings } = parseGpuRows(TWO_4090);
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(rows[0], {
      index: 0, uuid: U0, name: 'NVIDIA GeForce RTX 4090', utilization: 87, memoryUsedMib: 21034, memoryTotalMib: 24564, temperatureC: 65, powerW: 312.45,
    });
    assert.deepStrictEqual(rows.map((r) => [r.index, r.utilization, r.powerW]), [[0, 87, 312.45], [1, 0, 18.92]]);
  });

  it('turns [N/A] and [Not Supported] into null, never 0 (MIG mode, GeForce power, Tesla P100)', () => {
    const text = [
      // An A100 in MIG mode: no whole-GPU utilization.
      `0, ${U0}, NVIDIA A100-SXM4-80GB, [N/A], 36537, 81920, 33, 87.21`,
      // An older GeForce whose driver reports no power reading.
      `1, ${U1}, GeForce GTX 1050 Ti, 3, 300, 4096, 35, [Not Supported]`,
      '2, GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6, Tesla P100-PCIE-16GB, 0, 0, 16280, 37, 28.16',
      '3, GPU-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d, NVIDIA T4, [Unknown Error], [Insufficient Permissions], 15360, [N/A], [N/A]',
    ].join('\n');
    const rows = parseGpuRows(text).rows;
    assert.deepStrictEqual(rows.map((r) => r.utilization), [null, 3, 0, null]);
    assert.deepStrictEqual(rows.map((r) => r.powerW), [87.21, null, 28.16, null]);
    assert.deepStrictEqual([rows[3]!.memoryUsedMib, rows[3]!.memoryTotalMib, rows[3]!.temperatureC], [null, 15360, null]);
    assert.strictEqual(rows[2]!.name, 'Tesla P100-PCIE-16GB');
  });

  it('accepts each field\'s own unit when nounits was left out, and nothing else', () => {
    const row = parseGpuRows(`0, ${U0}, NVIDIA GeForce RTX 4090, 87 %, 21034 MiB, 24564 MiB, 65, 312.45 W`).rows[0]!;
    assert.deepStrictEqual([row.utilization, row.memoryUsedMib, row.memoryTotalMib, row.powerW], [87, 21034, 24564, 312.45]);
    assert.throws(() => parseGpuRows(`0, ${U0}, NVIDIA GeForce RTX 4090, 87, 21 GiB, 24564, 65, 312.45`), /memory\.used "21 GiB" is not a number in MiB/);
    assert.throws(() => parseGpuRows(`0, ${U0}, NVIDIA GeForce RTX 4090, 87 W, 21034, 24564, 65, 312.45`), /utilization\.gpu/);
  });

  it('rejects short rows, bad indexes and bad uuids with the line number', () => {
    const err = (text: string): SmiParseError => {
      try {
        parseGpuRows(text);
      } catch (e) {
        assert.ok(e instanceof SmiParseError);
        return e;
      }
      throw new Error('no error');
    };
    assert.strictEqual(err(`${TWO_4090}1, ${U1}, 0, 2\n`).lineNumber, 3);
    assert.match(err(`x, ${U0}, NVIDIA GeForce RTX 4090, 87, 21034, 24564, 65, 312.45`).message, /index "x"/);
    assert.match(err(`0, 4c5b8ac0, NVIDIA GeForce RTX 4090, 87, 21034, 24564, 65, 312.45`).message, /not a GPU uuid/);
    assert.match(err('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.').message, /columns/);
  });

  it('keeps warnings apart and reads "No devices were found" as no rows', () => {
    const parsed = parseGpuRows(`WARNING: infoROM is corrupted at gpu 0000:01:00.0\n${TWO_4090}`);
    assert.deepStrictEqual(parsed.warnings, ['WARNING: infoROM is corrupted at gpu 0000:01:00.0']);
    assert.strictEqual(parsed.rows.length, 2);
    assert.deepStrictEqual(parseGpuRows('No devices were found\n').rows, []);
  });

  it('rebuilds names that contain ", "', () => {
    const gpu = parseGpuRows(`0, ${U0}, Quadro, with comma, 1, 2, 8192, 40, 20.00`).rows[0]!;
    assert.strictEqual(gpu.name, 'Quadro, with comma');
    const app = parseAppRows(`${U0}, 77, /opt/my, app/run, 512`, [gpu]).rows[0]!;
    assert.deepStrictEqual([app.name, app.usedMemoryMib], ['/opt/my, app/run', 512]);
  });

  it('maps process rows to GPU indexes, MIG rows included', () => {
    const gpus = parseGpuRows(TWO_4090).rows;
    const text = [
      `${U0}, 2154, /usr/bin/python3, 20480`,
      `${U1}, [Not Supported], [Not Supported], [Not Supported]`,
      // Before R470 a MIG device names its GPU: MIG-GPU-<uuid>/<gi>/<ci>.
      `MIG-${U1}/3/0, 42152, python3, 14363`,
      // Since R470 it does not.
      'MIG-d8a1e3f0-5b6c-5e7f-9a0b-1c2d3e4f5a6b, 42153, python3, [N/A]',
    ].join('\n');
    const rows = parseAppRows(text, gpus).rows;
    assert.deepStrictEqual(rows.map((r) => [r.gpuIndex, r.pid, r.name, r.usedMemoryMib]), [
      [0, 2154, '/usr/bin/python3', 20480],
      [1, null, '[Not Supported]', null],
      [1, 42152, 'python3', 14363],
      [null, 42153, 'python3', null],
    ]);
    assert.deepStrictEqual(parseAppRows('', gpus).rows, []);
    assert.throws(() => parseAppRows(`${U0}, -4, python3, 10`, gpus), /pid "-4"/);
  });
});

describe('GPU status from the two commands', () => {
  const answer = (byCommand: Record<string, CommandResult>) => async (command: string): Promise<CommandResult> => {
    const r = byCommand[command];
    if (!r) throw new Error(`unexpected command ${command}`);
    return r;
  };
  const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

  it('runs exactly the documented queries and joins processes to GPUs', async () => {
    const status = await readGpuStatus(answer({ [GPU_QUERY]: ok(TWO_4090), [APP_QUERY]: ok(`${U1}, 99, python, 100\n`) }));
    assert.strictEqual(status.kind, 'ok');
    if (status.kind !== 'ok') return;
    assert.deepStrictEqual(gpuReadingJson(status.gpus, status.processes), {
      gpus: [
        { index: 0, name: 'NVIDIA GeForce RTX 4090', utilization: 87, memory_used_mib: 21034, memory_total_mib: 24564, temperature_c: 65, power_w: 312.45 },
        { index: 1, name: 'NVIDIA GeForce RTX 4090', utilization: 0, memory_used_mib: 2, memory_total_mib: 24564, temperature_c: 31, power_w: 18.92 },
      ],
      processes: [{ gpu_index: 1, gpu_uuid: U1, pid: 99, name: 'python', used_memory_mib: 100 }],
    });
    assert.match(GPU_QUERY, /^nvidia-smi --query-gpu=index,uuid,name,utilization\.gpu,memory\.used,memory\.total,temperature\.gpu,power\.draw --format=csv,noheader,nounits$/);
    assert.strictEqual(APP_QUERY, 'nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv,noheader,nounits');
  });

  it('tells a missing command (bash or dash wording), no GPU and a driver failure apart', async () => {
    const both = (r: CommandResult) => answer({ [GPU_QUERY]: r, [APP_QUERY]: r });
    const bash = { code: 127, stdout: '', stderr: 'bash: line 1: nvidia-smi: command not found\n' };
    assert.deepStrictEqual(await readGpuStatus(both(bash)), { kind: 'no-nvidia-smi', detail: 'bash: line 1: nvidia-smi: command not found' });
    assert.strictEqual((await readGpuStatus(both({ code: 127, stdout: '', stderr: 'sh: 1: nvidia-smi: not found\n' }))).kind, 'no-nvidia-smi');
    assert.deepStrictEqual(await readGpuStatus(both({ code: 6, stdout: 'No devices were found\n', stderr: '' })), { kind: 'no-gpu' });
    assert.deepStrictEqual(await readGpuStatus(both(ok(''))), { kind: 'no-gpu' });
    const driver = 'NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.';
    assert.deepStrictEqual(await readGpuStatus(both({ code: 9, stdout: `${driver}\n\n`, stderr: '' })), { kind: 'driver-failed', detail: driver });
    assert.deepStrictEqual(await readGpuStatus(both({ code: null, signal: 'KILL', stdout: '', stderr: '' })), { kind: 'failed', detail: 'nvidia-smi ended with signal KILL' });
  });

  it('reports unreadable output as a failure naming the line, and a failed process query as a warning', async () => {
    const bad = await readGpuStatus(answer({ [GPU_QUERY]: ok('0, GPU-x, ?\n'), [APP_QUERY]: ok('') }));
    assert.strictEqual(bad.kind, 'failed');
    assert.match(bad.kind === 'failed' ? bad.detail : '', /line 1/);
    const partial = await readGpuStatus(answer({ [GPU_QUERY]: ok(TWO_4090), [APP_QUERY]: { code: 2, stdout: 'Field "x" is not a valid field to query.\n', stderr: '' } }));
    assert.deepStrictEqual(partial.kind === 'ok' ? [partial.processes, partial.warnings] : partial, [[], ['the process list is unavailable: Field "x" is not a valid field to query.']]);
  });
});
