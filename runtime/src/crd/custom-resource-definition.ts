import { z } from 'zod';
import { API_GROUP, API_VERSION } from '../spec/api-version.js';
import { toStructuralSchema, type StructuralSchema } from './structural-schema.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description: string;
  /** 0 shows in `kubectl get`; 1 only in `kubectl get -o wide`. */
  priority?: 0 | 1;
}

/** What differs between BudFlow's kinds; everything else is the same for every CRD. */
export interface ResourceKind {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  /** The whole resource (apiVersion, kind, metadata, spec, status): the zod source of truth. */
  schema: z.ZodType;
  /** Adds what zod cannot say: list types, bounds for CEL cost, CEL rules. */
  annotate: (root: StructuralSchema) => void;
  printerColumns: PrinterColumn[];
  /** Fields usable in `kubectl get --field-selector` (Kubernetes 1.32+). */
  selectableFields?: string[];
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string;
    names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames: string[];
      categories: string[];
    };
    scope: 'Namespaced';
    versions: Array<{
      name: string;
      served: true;
      storage: true;
      schema: { openAPIV3Schema: StructuralSchema };
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
      selectableFields?: Array<{ jsonPath: string }>;
    }>;
  };
}

export const CATEGORY = 'budflow';

// The texts every built-in kind carries for these two fields, so `kubectl explain` reads the same.
const API_VERSION_DESCRIPTION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert ' +
  'recognized schemas to the latest internal value, and may reject unrecognized values.';
const KIND_DESCRIPTION =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from ' +
  'the endpoint the client submits requests to. In CamelCase.';

/** An apiextensions.k8s.io/v1 CRD for one BudFlow kind, with its schema derived from the zod source. */
export function customResourceDefinition(resource: ResourceKind): CustomResourceDefinition {
  const group = API_GROUP;
  const version = {
    name: API_VERSION,
    served: true as const,
    storage: true as const,
    schema: { openAPIV3Schema: resourceSchema(resource) },
    subresources: { status: {} },
    additionalPrinterColumns: resource.printerColumns,
    ...(resource.selectableFields && {
      selectableFields: resource.selectableFields.map((jsonPath) => ({ jsonPath })),
    }),
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${resource.plural}.${group}`, labels: { 'app.kubernetes.io/part-of': 'budflow' } },
    spec: {
      group,
      names: {
        kind: resource.kind,
        listKind: `${resource.kind}List`,
        plural: resource.plural,
        singular: resource.singular,
        shortNames: resource.shortNames,
        categories: [CATEGORY],
      },
      scope: 'Namespaced',
      versions: [version],
    },
  };
}

/**
 * The apiserver owns apiVersion, kind and metadata: metadata may only be `type: object` here, and requiring the
 * three would only duplicate its own checks. Only `spec` stays required.
 */
function resourceSchema(resource: ResourceKind): StructuralSchema {
  const root = toStructuralSchema(
    z.toJSONSchema(resource.schema, { target: 'openapi-3.0', io: 'input' }),
    resource.kind,
  );
  root.properties = {
    ...root.properties,
    apiVersion: { type: 'string', description: API_VERSION_DESCRIPTION },
    kind: { type: 'string', description: KIND_DESCRIPTION },
    metadata: { type: 'object' },
  };
  root.required = ['spec'];
  resource.annotate(root);
  return root;
}
