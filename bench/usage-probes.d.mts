// Types of bench/usage-probes.mjs: the probe protocol between a bench (bench/process-probe.ts) and its children.

export interface UsageRequest {
  type: 'usage';
  id: number;
  /** Run a full GC first (only when the child was started with --expose-gc): tells garbage from live memory. */
  gc?: boolean;
}

export interface ProfileRequest {
  type: 'profile';
  id: number;
  action: 'start' | 'stop';
  /** Where `stop` writes the .cpuprofile. */
  file?: string;
}

/** Answers the bench parent's usage and profiling requests over IPC (no-op without an IPC channel). */
export function answerUsageProbes(): void;
