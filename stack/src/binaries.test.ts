import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinaries, requiredVersion } from './binaries.js';

function goMod(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'budflow-gomod-')), 'go.mod');
  writeFileSync(file, text);
  return file;
}

describe('requiredVersion', () => {
  it.each([
    ['a one-line require', 'module x\n\nrequire k8s.io/kubernetes v1.37.2\n', 'v1.37.2'],
    [
      'a require block, indirect',
      'module x\n\nrequire (\n\tk8s.io/api v0.37.2 // indirect\n\tk8s.io/kubernetes v1.37.2 // indirect\n)\n',
      'v1.37.2',
    ],
  ])('reads %s', (_name, text, version) => {
    expect(requiredVersion(goMod(text), 'k8s.io/kubernetes')).toBe(version);
  });

  it('does not take a module whose path only starts the same', () => {
    expect(() =>
      requiredVersion(goMod('require k8s.io/kubernetes-extra v1.0.0\n'), 'k8s.io/kubernetes'),
    ).toThrow(/does not require k8s.io\/kubernetes/);
  });

  it('ignores replace lines', () => {
    const text = 'require k8s.io/api v0.0.0\nreplace k8s.io/api => k8s.io/api v0.37.2\n';
    expect(requiredVersion(goMod(text), 'k8s.io/api')).toBe('v0.0.0');
  });
});

describe('findBinaries', () => {
  it('names each missing program with the script that builds it', () => {
    const root = mkdtempSync(join(tmpdir(), 'budflow-root-'));
    const pins = {
      etcd: 'go.etcd.io/etcd/server/v3 v3.6.16',
      kube: 'k8s.io/kubernetes v1.37.2',
      nats: 'github.com/nats-io/nats-server/v2 v2.15.2',
      helm: 'helm.sh/helm/v3 v3.22.0',
    };
    for (const [tool, pin] of Object.entries(pins)) {
      mkdirSync(join(root, 'tools', tool), { recursive: true });
      writeFileSync(join(root, 'tools', tool, 'go.mod'), `module x\n\nrequire ${pin}\n`);
    }
    expect(() => findBinaries(root)).toThrow(
      'missing etcd v3.6.16 (scripts/build-etcd), kube-apiserver v1.37.2 (scripts/build-kube), ' +
        'kube-controller-manager v1.37.2 (scripts/build-kube), nats-server v2.15.2 (scripts/build-nats), ' +
        'helm v3.22.0 (scripts/build-helm)',
    );
  });
});
