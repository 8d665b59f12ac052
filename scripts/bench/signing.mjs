// Figure 6: what authenticating one request costs on the client: `authFields()` of a SessionCredential
// (what polling uses: a static pair, no signature) against a WalletCredential (a fresh nonce and an
// sr25519 signature per request). Mean per call over N calls, after warm-up; median of 5 repetitions.
import { figure } from './results.mjs';
import { outModule } from './lib/paths.mjs';
import { demo } from './lib/world.mjs';

const { WalletCredential, SessionCredential, signerFromSeed, signSessionId } = outModule('src/auth/index');

async function meanMicros(credential, calls) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await credential.authFields();
  return ((performance.now() - t0) * 1000) / calls;
}

async function repeatedMeans(credential, { calls, warmup, reps }) {
  await meanMicros(credential, warmup);
  const samples = [];
  for (let i = 0; i < reps; i++) samples.push(await meanMicros(credential, calls));
  return samples;
}

export async function measureSigning({ smoke }) {
  const [calls, warmup, reps] = smoke ? [3, 1, 1] : [300, 100, 5];
  const signer = await signerFromSeed(demo.DEMO_RENTER_SEED);
  const wallet = new WalletCredential(signer);
  const pair = await signSessionId(signer, 'bench-session-id');
  const session = new SessionCredential(pair.session_id, pair.session_id_sign, signer.address);
  const walletSamples = await repeatedMeans(wallet, { calls, warmup, reps });
  const sessionSamples = await repeatedMeans(session, { calls: calls * 50, warmup: warmup * 50, reps });
  return {
    auth_fields_per_request_us: figure({
      label: 'Client-side auth cost per request (authFields)', samples: sessionSamples, baselineSamples: walletSamples,
      unit: 'us', digits: 2, baselineName: 'wallet signature per request',
      detail: { calls_per_sample: { session: calls * 50, wallet: calls } },
    }),
  };
}
