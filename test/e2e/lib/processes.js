// Every process an e2e run starts lives in its own process group, and this module remembers
// the groups, so that stopping the run also stops what those processes started (code-server's
// extension hosts and the router servers under them linger after the browser closes). stopAll
// is safe to call from a signal handler, a deadline timer or process 'exit'.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const groups = new Set();

/** Starts `command` as the leader of a new process group; output goes to `logFile` or is ignored. */
function startGroup(command, args, { env, cwd, logFile } = {}) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', out] });
  if (logFile) fs.closeSync(out);
  groups.add(child.pid);
  return child;
}

/** A group started elsewhere (start.sh prints code-server's) that must be stopped with the run. */
function adoptGroup(pgid) {
  groups.add(pgid);
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is empty already
  }
}

function groupAlive(pgid) {
  return signalGroup(pgid, 0);
}

/** SIGTERM to one group, SIGKILL to whatever is left after `graceMs`. */
async function stopGroup(pgid, graceMs = 3000) {
  signalGroup(pgid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  signalGroup(pgid, 'SIGKILL');
  groups.delete(pgid);
}

async function stopAll(graceMs = 3000) {
  await Promise.all([...groups].map((pgid) => stopGroup(pgid, graceMs)));
}

/** Synchronous last resort for process 'exit': no time left for grace. */
function killAllNow() {
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  groups.clear();
}

/**
 * Runs a command to completion in its own group, echoing its output with a prefix, and
 * kills the group if it outlives `timeoutMs`. Resolves to the exit code (null when killed).
 */
function runStep(label, command, args, { env, cwd, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    groups.add(child.pid);
    const echo = (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`  [${label}] ${line}`);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    const timer = setTimeout(() => {
      console.log(`  [${label}] timed out after ${timeoutMs} ms`);
      signalGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => echo(Buffer.from(String(error))));
    child.on('close', (code) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      resolve(code);
    });
  });
}

module.exports = { startGroup, adoptGroup, stopGroup, stopAll, killAllNow, runStep };
