// The router server as an operating-system process (Linux /proc): found among the
// descendants of the code-server process group the run started, by its command line
// (`dist/server.js` with `--stdio`), and its TCP connections to the fake providers.
// Only processes of that group are ever looked at, so nothing else on the machine is touched.
'use strict';
const fs = require('node:fs');

/** `{ pid, ppid, pgrp, state }` of every process /proc shows now. */
function processTable() {
  const table = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may contain anything: split after it.
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(name), ppid: Number(ppid), pgrp: Number(pgrp), state });
    } catch {
      // gone between readdir and read
    }
  }
  return table;
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Live processes in process group `pgid` or descended from its leader. */
function groupProcesses(pgid) {
  const table = processTable().filter((p) => p.state !== 'Z');
  const members = new Set(table.filter((p) => p.pgrp === pgid).map((p) => p.pid));
  members.add(pgid);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.add(p.pid);
        grew = true;
      }
    }
  }
  return table.filter((p) => members.has(p.pid));
}

/** Pids of the router servers (`node …/dist/server.js --stdio …`) under code-server's group. */
function routerServerPids(pgid) {
  return groupProcesses(pgid)
    .filter((p) => {
      const args = commandLine(p.pid);
      return args.some((a) => a.endsWith('dist/server.js')) && args.includes('--stdio');
    })
    .map((p) => p.pid);
}

/** True once `pid` has exited (and been reaped, or is a zombie waiting for it). */
function processGone(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * The established TCP connections of process `pid` to 127.0.0.1:`port`, as `local->remote`
 * strings (hex, as /proc/net/tcp writes them). Empty when the process is gone.
 */
function connectionsTo(pid, port) {
  const inodes = new Set();
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      const link = (() => {
        try {
          return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return '';
        }
      })();
      const match = /^socket:\[(\d+)\]$/.exec(link);
      if (match) inodes.add(match[1]);
    }
  } catch {
    return new Set();
  }
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const found = new Set();
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    let lines = [];
    try {
      lines = fs.readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [, local, remote, state, , , , , , inode] = cols;
      // 01 = ESTABLISHED
      if (state === '01' && remote.endsWith(`:${portHex}`) && inodes.has(inode)) found.add(`${local}->${remote}`);
    }
  }
  return found;
}

module.exports = { routerServerPids, processGone, connectionsTo };
