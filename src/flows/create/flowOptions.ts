// Where Create VM and New VM Profile start: the node's facts read once, the questions through the
// Prompter (so tests can script them), and a draft pre-filled with the last choices on this node.
import * as vscode from 'vscode';
import type { NodeRef } from '../../config/model/refs';
import { inWindow } from '../../ui/progress';
import type { CommandServices } from '../commandServices';
import type { CreateDraft } from './model/createDraft';
import type { FlowOptions } from './model/createFlow';
import { lastChoices } from './model/lastChoices';
import { readFacts } from './nodeFacts';

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
