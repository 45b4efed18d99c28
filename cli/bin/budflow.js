#!/usr/bin/env node
// The `budflow` binary. A committed shim, so npm can link it at install time, before `prepare` builds dist/.
import '../dist/main.js';
