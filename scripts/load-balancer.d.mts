import type { ChildProcess } from 'node:child_process';

export interface Child {
  readonly child: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export interface Replica extends Child {
  readonly name: string;
  readonly port: number;
}
export interface Cluster {
  /** The balancer's MCP endpoint. */
  readonly url: string;
  readonly replicas: readonly Replica[];
  haproxy(): Child | undefined;
  stop(): Promise<void>;
}
export function haproxyVersion(): string | undefined;
export function haproxyConfig(replicas: number): string;
export function freePort(): Promise<number>;
export function startCluster(options: { count: number; tokens: string; secret: string; env?: Record<string, string> }): Promise<Cluster>;
export function startReplica(options: { name: string; tokens: string; secret: string; stateless?: boolean; env?: Record<string, string> }): Promise<Replica & { readonly url: string }>;
