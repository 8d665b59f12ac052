// Runs dbc-sim (compiled from src/sim) in its own process, so the measured process holds only the client
// side. Reads its startSimulator options as one JSON line on stdin, prints "listening <url>", and exits
// when stdin closes (the parent is done or gone) or on SIGTERM.
import readline from 'node:readline';
import { outModule } from './paths.mjs';

const { startSimulator } = outModule('src/sim/index');
const input = readline.createInterface({ input: process.stdin });
const [line] = await input[Symbol.asyncIterator]().next().then((r) => [r.value]);
const sim = await startSimulator({ ...JSON.parse(line), port: 0, ssh: false });
process.stdout.write(`listening ${sim.url}\n`);

const stop = () => void sim.close().then(() => process.exit(0));
input.on('close', stop);
process.on('SIGTERM', stop);
