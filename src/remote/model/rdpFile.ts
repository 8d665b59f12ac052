// A minimal Remote Desktop connection file for a Windows VM. It never holds the password (an .rdp file
// can only carry one encrypted for the current Windows user); the password goes to the clipboard. Pure.

export function rdpFileText(host: string, port: number, user: string): string {
  if (!/^[A-Za-z0-9.:_-]+$/.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid RDP address ${host}:${port}.`);
  if (/[\r\n]/.test(user)) throw new Error('Invalid RDP user.');
  return [`full address:s:${host}:${port}`, `username:s:${user}`, 'prompt for credentials:i:1', 'screen mode id:i:2', ''].join('\r\n');
}

/** `vnc://host:port`, for the system's VNC viewer. */
export function vncUrl(host: string, port: number): string {
  return `vnc://${host}:${port}`;
}
