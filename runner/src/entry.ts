#!/usr/bin/env node
// The budflow-runner program: what the local sandbox starts in each child process. Frames travel on
// file descriptor 3, so nothing a library prints on stdout or stderr can corrupt the protocol.
import { Socket } from 'node:net';
import { hardenProcess } from './process/harden-process.js';
import { serveStepJobs } from './process/serve-step-jobs.js';

hardenProcess();
const { createNodeRegistry } = await import('@budflow/nodes');
const channel = new Socket({ fd: 3, readable: true, writable: true });
await serveStepJobs({ input: channel, output: channel, registry: createNodeRegistry(), pid: process.pid });
channel.end();
