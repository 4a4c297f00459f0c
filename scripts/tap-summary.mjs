// A tap reporter (tap accepts a Transform stream class): prints each failing
// assertion with its diagnostics, then one last line, alone:
//   N passed, N failed[, N skipped]
// counting leaf assertions across every test file.
import { Transform } from 'node:stream';
import { Parser } from 'tap-parser';

export default class Summary extends Transform {
  constructor() {
    super();
    this.counts = { pass: 0, fail: 0, skip: 0 };
    this.parser = new Parser();
    this.watch(this.parser, []);
    this.parser.on('complete', () => {
      const { pass, fail, skip } = this.counts;
      this.push(`\n${pass} passed, ${fail} failed${skip ? `, ${skip} skipped` : ''}\n`);
      this.push(null);
    });
  }

  /** Returns a live count of failures counted inside this parser's subtree. */
  watch(parser, path) {
    const tree = { failed: 0 };
    let child = null;
    parser.on('child', (p) => {
      child = this.watch(p, [...path, p.name]);
    });
    parser.on('assert', (res) => {
      if (child) {
        const inner = child;
        child = null;
        tree.failed += inner.failed;
        // A subtest's own line: count it only when it failed without any
        // failing assertion inside (a crash, a timeout, a plan mismatch).
        if (!res.ok && !res.todo && !res.skip && inner.failed === 0) {
          this.counts.fail++;
          tree.failed++;
          this.report(path, res);
        }
        return;
      }
      if (res.skip || res.todo) this.counts.skip++;
      else if (res.ok) this.counts.pass++;
      else {
        this.counts.fail++;
        tree.failed++;
        this.report(path, res);
      }
    });
    return tree;
  }

  report(path, res) {
    const diag = res.diag ? '\n' + JSON.stringify(res.diag, null, 2).split('\n').map((l) => '    ' + l).join('\n') : '';
    this.push(`not ok ${[...path, res.name].filter(Boolean).join(' > ')}${diag}\n`);
  }

  _transform(chunk, _enc, cb) {
    this.parser.write(chunk);
    cb();
  }

  _flush(cb) {
    this.parser.end();
    cb();
  }
}
