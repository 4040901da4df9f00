#!/usr/bin/env node
import { main } from '../dist/pvectl.js';

process.exitCode = await main(process.argv.slice(2));
