// Create VM: the multi-step input of flows/create/model/createSteps.ts pre-filled from the node and the last choices
// there, a summary to create, edit a field or save the choices as a workspace profile, then one create.
// Programmatic callers may pass `{ endpoint, nodeId, spec }` (no prompts) or `{ …, image }` (preset).
import * as vscode from 'vscode';
import type { NodeRef, VmRef } from '../config/model/refs';
import { UserCancelled } from '../ui/model/errors';
import { inWindow } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { runCreateFlow, type FlowOptions } from '../flows/create/model/createFlow';
import { draftSpec, type CreateDraft } from '../flows/create/model/createDraft';
import { lastChoices, rememberChoices } from '../flows/create/model/lastChoices';
import { readFacts } from '../flows/create/nodeFacts';
import { draftProfile } from '../flows/profile/model/profileScaffold';
import { submitCreate } from '../flows/create/submitCreate';
import { pickNode } from '../flows/pickers';
import { orCancel } from '../ui/model/prompter';
import { saveProfile } from '../flows/profile/profileFiles';
import { nodeRefOf, optionsOf } from './targets';

export { issueText } from '../flows/create/submitCreate';

const t = vscode.l10n.t;

/** The flow's questions go through the Prompter, so tests can script them. */
export async function flowOptions(svc: CommandServices, ref: NodeRef): Promise<Pick<FlowOptions, 't' | 'facts' | 'ask'>> {
  const facts = await inWindow(t('Reading the GPU node…'), () => readFacts(svc, ref));
  return { t, facts, ask: (q, pos) => svc.prompter.step(q, pos) };
}

/** The draft to start from: the last choices on this node, then a preset image. */
export function initialDraft(svc: CommandServices, ref: NodeRef, images: { name: string }[], image?: string): CreateDraft {
  const last = lastChoices(svc.state, ref.nodeId);
  if (last.image_name && !last.typedImage && !images.some((i) => i.name === last.image_name)) delete last.image_name;
  if (!image) return last;
  return { ...last, image_name: image, typedImage: !images.some((i) => i.name === image), operation_system: undefined };
}

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

export async function createVm(svc: CommandServices, args: readonly unknown[]): Promise<VmRef | undefined> {
  const opts = optionsOf(args[0]);
  const ref = nodeRefOf(svc, args[0]) ?? (await pickNode(svc, t('Create the VM on which GPU node?')));
  const given = opts['spec'];
  const image = typeof opts['image'] === 'string' ? opts['image'] : undefined;
  const raw = typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : await askSpec(svc, ref, image);
  if (!raw) throw new UserCancelled();
  return submitCreate(svc, ref, raw);
}
