import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** n8n's `ipWhitelist`: addresses and CIDR ranges (`10.0.0.0/8`); an empty list allows everyone. */
export function ipAllowed(address: string, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  const ip = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  const list = new BlockList();
  for (const entry of allowList) {
    const [base, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv6(base) ? 'ipv6' : isIPv4(base) ? 'ipv4' : undefined;
    if (!type) continue;
    if (bits === undefined) list.addAddress(base, type);
    else list.addSubnet(base, Number(bits), type);
  }
  const type = isIPv6(ip) ? 'ipv6' : isIPv4(ip) ? 'ipv4' : undefined;
  return type !== undefined && list.check(ip, type);
}
