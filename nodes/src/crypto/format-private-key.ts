/**
 * A PEM key pasted on one line (or with literal `\n`) back in PEM shape: the BEGIN/END lines kept, the
 * base64 body and any `Proc-Type`/`DEK-Info` headers split onto lines, as n8n's `formatPrivateKey` does.
 * A key that already has line breaks is returned as it is.
 */
export function formatPrivateKey(key: string): string {
  if (!key || /\n/.test(key)) return key;
  return key
    .split('-----')
    .filter((part) => part !== '')
    .map((part) => {
      if (/(PRIVATE KEY|CERTIFICATE)/.test(part)) return `-----${part}-----`;
      const body = /Proc-Type|DEK-Info/.test(part) ? part.replace(/:\s+/g, ':') : part;
      return body.replace(/\\n/g, '\n').replace(/\s+/g, '\n');
    })
    .join('');
}
