// Create VM: the multi-step input of flows/create/model/createSteps.ts pre-filled from the node and the
// last choices there, a summary to create, edit a field or save the choices as a workspace profile, then
// one create. Programmatic callers may pass `{ endpoint, nodeId, spec }` (no prompts) or `{ …, image }`.
import type { NodeRef, VmRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { flowOptions, initialDraft } from '../flows/create/flowOptions';
import { draftSpec } from '../flows/create/model/createDraft';
import { runCreateFlow } from '../flows/create/model/createFlow';
import { rememberChoices } from '../flows/create/model/lastChoices';
import { submitCreate } from '../flows/create/submitCreate';
import { draftProfile } from '../flows/profile/model/profileScaffold';
import { saveProfile } from '../flows/profile/profileFiles';
import { orCancel } from '../ui/model/prompter';
import type { CreateOptions } from './model/options';

/** Asks everything; the create spec, or a cancel. */
async function askSpec(svc: CommandServices, ref: NodeRef, image?: string): Promise<Record<string, unknown>> {
  const base = await flowOptions(svc, ref);
  const draft = orCancel(await runCreateFlow({
    ...base,
    saveProfile: async (d) => {
      await saveProfile(svc, draftProfile(d, ref.nodeId));
    },
  }, initialDraft(svc, ref, base.facts.images, image)));
  await rememberChoices(svc.state, ref.nodeId, draft);
  return draftSpec(draft);
}

export async function createVm(svc: CommandServices, ref: NodeRef, o: CreateOptions): Promise<VmRef | undefined> {
  return submitCreate(svc, ref, o.spec ?? (await askSpec(svc, ref, o.image)));
}
