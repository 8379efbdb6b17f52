#!/usr/bin/env node
// The installed entry point: runs the compiled program (npm install builds it through `prepare`).
import '../dist/main.js';
