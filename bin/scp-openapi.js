#!/usr/bin/env node
// The pipeline is TypeScript run through tsx (no separate compile step for a build-time tool).
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');
