#!/usr/bin/env node
import { main } from '../dist/pvesim.js';

await main(process.argv.slice(2));
