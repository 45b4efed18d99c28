/**
 * A PEM block as TLS and crypto expect it: keys and certificates pasted on one line (as credential forms
 * often store them) get their body re-wrapped into 64-character lines between the armour lines.
 */
export function formatPem(text: string): string {
  const match = /^(-----BEGIN [^-]+-----)\s*([\s\S]*?)\s*(-----END [^-]+-----)\s*$/.exec(text.trim());
  if (!match) return text;
  const body =
    match[2]!
      .replace(/\s+/g, '')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `${match[1]}\n${body}\n${match[3]}\n`;
}
