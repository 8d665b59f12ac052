// "Share access…": the renter's session_id (M2, needs the wallet), signed, as a `dbc-session:` bundle on
// the clipboard, after a modal that says plainly what the holder can do and for how long.
import * as vscode from 'vscode';
import { encodeSessionBundle } from '../auth/sessionBundle';
import { nodeName } from '../tree/model/present';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import type { NodeRef } from '../config/model/refs';

const t = vscode.l10n.t;

/** Returns the bundle (also to programmatic callers, after the same confirmation). */
export async function shareAccess(svc: CommandServices, ref: NodeRef): Promise<string> {
  const identity = svc.access.identity(ref.nodeId);
  if (!identity || identity.kind === 'session') {
    throw new UserFacingError('Sharing access needs the wallet (or multisig account) that rents the node.', [], 'Import the renter\'s wallet and choose it for this node.');
  }
  const name = nodeName(svc.modelContext(), ref);
  const ok = await svc.prompter.confirm({
    message: t('Give someone full control of your VMs on {0}?', name),
    detail: t('Whoever holds this access text can create, start, stop, modify and delete every VM you rent on this node, and change their passwords, until your rental of the node ends. It cannot be revoked: the node never changes it. Share it only with people you trust, over a private channel.'),
    action: t('Copy Access Text'),
  });
  if (!ok) throw new UserCancelled();
  const bundle = await withProgress(t('Getting the session id of {0}…', name), async (signal) => {
    try {
      const pair = await svc.access.sessionPair(ref.nodeId, identity, svc.clients.client(ref.endpoint), signal);
      return encodeSessionBundle({ node_id: ref.nodeId, renter: pair.signer, session_id: pair.sessionId, session_id_sign: pair.sessionIdSign, endpoint: ref.endpoint });
    } catch (err) {
      throw new OperationFailed(t('Sharing access to {0} failed', name), err, ref.endpoint);
    }
  });
  await vscode.env.clipboard.writeText(bundle).then(undefined, () => undefined);
  svc.log.info(`[share] an access bundle for node ${ref.nodeId.slice(0, 8)} was copied to the clipboard`);
  void vscode.window.showInformationMessage(t('The access text for {0} is on the clipboard. The recipient adds it with "DBC: Add Shared Access…".', name));
  return bundle;
}
