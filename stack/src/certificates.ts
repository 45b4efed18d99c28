import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files of the throwaway PKI of one stack, all PEM. */
export interface Pki {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  /** Client certificate of `budflow-admin` in group `system:masters`: cluster-admin under RBAC. */
  adminCert: string;
  adminKey: string;
  /** Signs and verifies service-account tokens. */
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Generates a CA, a serving certificate for localhost/127.0.0.1, an admin client certificate and SA keys. */
export async function createPki(dir: string): Promise<Pki> {
  const file = (name: string) => join(dir, name);
  const pki: Pki = {
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    servingCert: file('apiserver.crt'),
    servingKey: file('apiserver.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPublicKey: file('sa.pub'),
  };
  await openssl(
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    pki.caKey,
    '-out',
    pki.caCert,
    '-days',
    '3650',
    '-subj',
    '/CN=budflow-stack-ca',
  );
  const issue = (cert: string, key: string, subject: string, ...extensions: string[]) =>
    openssl(
      'req',
      '-x509',
      '-CA',
      pki.caCert,
      '-CAkey',
      pki.caKey,
      ...EC_KEY,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '365',
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature',
      ...extensions.flatMap((extension) => ['-addext', extension]),
    );
  await Promise.all([
    issue(
      pki.servingCert,
      pki.servingKey,
      '/CN=localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'extendedKeyUsage=serverAuth',
    ),
    issue(pki.adminCert, pki.adminKey, '/O=system:masters/CN=budflow-admin', 'extendedKeyUsage=clientAuth'),
    openssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      pki.serviceAccountKey,
    ),
  ]);
  await openssl('pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPublicKey);
  return pki;
}

async function openssl(...args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (error as Error).message}`, {
      cause: error,
    });
  }
}
