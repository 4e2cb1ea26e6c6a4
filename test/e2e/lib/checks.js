// Counts the e2e checks, prints each outcome as it happens, and keeps a screenshot of the
// screen after every UI check (numbered, so the folder reads as the story of the run).
'use strict';
const path = require('node:path');

class Checks {
  constructor(screenshotDir) {
    this.dir = screenshotDir;
    this.passed = 0;
    this.failed = [];
    this.page = undefined;
    this.shots = 0;
  }

  /**
   * Runs `fn`; a throw fails the check (and the run) but the next checks still run. A string
   * `fn` returns is printed after the check's time (what was measured along the way).
   */
  async check(name, fn) {
    const started = Date.now();
    try {
      const detail = await fn();
      this.pass(name, `${Date.now() - started} ms${typeof detail === 'string' ? `; ${detail}` : ''}`);
    } catch (error) {
      this.fail(name, error);
    }
    await this.screenshot(name);
  }

  pass(name, detail = '') {
    this.passed += 1;
    console.log(`  ok    ${name}${detail ? `  (${detail})` : ''}`);
  }

  fail(name, error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    this.failed.push({ name, message });
    console.log(`  FAIL  ${name}: ${message}`);
  }

  async screenshot(name) {
    if (!this.page || this.page.isClosed()) return;
    this.shots += 1;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    const file = path.join(this.dir, `${String(this.shots).padStart(2, '0')}-${slug}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 }).catch(() => {});
  }

  get ok() {
    return this.failed.length === 0;
  }

  summary() {
    return `${this.passed} passed, ${this.failed.length} failed`;
  }
}

/** Throws with both values when they differ, so a failed check says what it saw. */
function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

module.exports = { Checks, expect, expectEqual };
