// Modify reads an absent `new_public_ip` as "" and clears the VM's public IP (docs/dbc-real-node.md §2),
// so a modify that does not change it must send the current one again. Task info has no public-IP
// field: its `ssh_ip` is the VM's own public IP, or else the host's public IP — which node info shows
// masked as `*.b.*.d` (node_request_service.cpp `hide_ip_addr`).

/** Whether `ip` is the host address that `masked` (`*.51.*.142`, or an unmasked address) stands for. */
export function matchesMaskedIp(ip: string, masked: string): boolean {
  if (!masked.includes('*')) return ip === masked;
  const mine = ip.split('.');
  const theirs = masked.split('.');
  return mine.length === theirs.length && theirs.every((part, i) => part === '*' || part === mine[i]);
}

/**
 * The public IP a modify must send again: the VM's own (`ssh_ip` when it is not the host's), "" when
 * it has none, undefined when that cannot be told (no `ssh_ip` or no host address to compare with).
 */
export function currentPublicIp(sshIp: string | undefined, maskedHostIp: string | undefined): string | undefined {
  if (!sshIp || !maskedHostIp) return undefined;
  return matchesMaskedIp(sshIp, maskedHostIp) ? '' : sshIp;
}
