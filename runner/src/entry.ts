#!/usr/bin/env node
// The budflow-runner program over stdio: what the local sandbox starts in each child process.
import { hardenProcess } from './process/harden-process.js';
import { serveStepJobs } from './process/serve-step-jobs.js';

hardenProcess();
const { createNodeRegistry } = await import('@budflow/nodes');
await serveStepJobs({ input: process.stdin, output: process.stdout, registry: createNodeRegistry(), pid: process.pid });
