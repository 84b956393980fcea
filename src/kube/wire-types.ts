/**
 * The shapes of built-in objects as informers cache them: plain JSON from the
 * API server, timestamps as RFC 3339 strings. Only the fields the controllers
 * read are declared; client-node's V1 types would claim Date objects.
 */
export interface WireMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
}

export interface WireJobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface WireJob {
  apiVersion?: string;
  kind?: string;
  metadata?: WireMeta;
  spec?: Record<string, unknown>;
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: WireJobCondition[];
  };
}

export interface WireSecret {
  metadata?: WireMeta;
  type?: string;
  data?: Record<string, string>;
}

/** A Secret as the operator's cache keeps it: the names of its keys, never their values. */
export interface CachedSecret {
  metadata?: WireMeta;
  type?: string;
  keys: string[];
}
