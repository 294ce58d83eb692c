// roslib 2.1.0's own codec paths timed in node, for the BENCHMARKS.md table beside RosbridgeVersusRoslibBenchmarks.
// Usage: node rosbridge-codec-bench.mjs [iterationsPerRound]. Prints one JSON line per operation: mean ns per op and
// frame bytes. Messages are built exactly as RosbridgeVersusRoslibBenchmarks builds them (same values, same formula).
// Decode = roslib's transport handleRawMessage (JSON.parse, or cbor2 decode with RFC 8746 typed arrays) up to the
// emitted "message" event; JSON encode = what roslib's transport sends (JSON.stringify of the op). roslib never sends
// CBOR, so CBOR encode uses cbor2's encode (roslib's own CBOR dependency), typed arrays as tags.
// Timing: warm-up rounds, then rounds of N ops each timed with process.hrtime.bigint(); the figure is the mean over
// the measured rounds of (round time / N), as BenchmarkDotNet's Mean is over its iterations.
import { AbstractTransport } from 'roslib';
import { encode as cborEncode } from 'cbor2';

const perRound = Number(process.argv[2] ?? 2000);
const warmupRounds = 5;
const measuredRounds = 15;

// Same formula as RosbridgeVersusRoslibBenchmarks.Scan/Odom (C#).
function scanMessage(typed) {
  const n = 360;
  const ranges = typed ? new Float32Array(n) : new Array(n);
  for (let i = 0; i < n; i++) {
    ranges[i] = i % 20 === 7 ? Infinity : Math.fround(0.12 + ((i * 7919) % 1181) / 100);
  }
  return {
    header: { stamp: { sec: 1712, nanosec: 500000000 }, frame_id: 'base_scan' },
    angle_min: 0, angle_max: Math.fround(6.2657), angle_increment: Math.fround(0.017453292),
    time_increment: Math.fround(0.0002777), scan_time: Math.fround(0.1), range_min: Math.fround(0.12), range_max: 12,
    ranges, intensities: typed ? new Float32Array(0) : [],
  };
}

function odomMessage(typed) {
  const cov = typed ? new Float64Array(36) : new Array(36).fill(0);
  cov[0] = cov[7] = 0.001;
  cov[35] = 0.01;
  return {
    header: { stamp: { sec: 1712, nanosec: 5 }, frame_id: 'odom' }, child_frame_id: 'base_footprint',
    pose: { pose: { position: { x: 1.25, y: -0.5, z: 0 }, orientation: { x: 0, y: 0, z: Math.sin(0.35), w: Math.cos(0.35) } }, covariance: cov },
    twist: { twist: { linear: { x: 0.3, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0.1 } }, covariance: typed ? Float64Array.from(cov) : [...cov] },
  };
}

class BenchTransport extends AbstractTransport {
  send() {}
  close() {}
  isConnecting() { return false; }
  isOpen() { return true; }
  isClosing() { return false; }
  isClosed() { return false; }
}

const transport = new BenchTransport();
let received = 0;
transport.on('message', () => { received++; });
transport.on('error', (e) => { process.stderr.write(`roslib error: ${e}\n`); process.exit(1); });

function time(name, op) {
  for (let r = 0; r < warmupRounds; r++) for (let i = 0; i < perRound; i++) op();
  let totalNsPerOp = 0;
  for (let r = 0; r < measuredRounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) op();
    totalNsPerOp += Number(process.hrtime.bigint() - start) / perRound;
  }
  return totalNsPerOp / measuredRounds;
}

const toArrayBuffer = (u8) => u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength);
const results = [];
for (const [name, topic, make] of [['LaserScan360', '/scan', scanMessage], ['Odometry', '/odom', odomMessage]]) {
  const plain = { op: 'publish', topic, msg: make(false) };
  const typed = { op: 'publish', topic, msg: make(true) };
  const jsonText = JSON.stringify(plain);
  const cborBytes = cborEncode(typed);
  const cborBuffer = toArrayBuffer(cborBytes);
  let sink = 0;
  results.push({ op: `${name} JSON encode`, ns: time('je', () => { sink += JSON.stringify(plain).length; }), bytes: Buffer.byteLength(jsonText) });
  results.push({ op: `${name} CBOR encode`, ns: time('ce', () => { sink += cborEncode(typed).length; }), bytes: cborBytes.length });
  const before = received;
  results.push({ op: `${name} JSON decode`, ns: time('jd', () => transport.handleRawMessage(jsonText)), bytes: Buffer.byteLength(jsonText) });
  results.push({ op: `${name} CBOR decode`, ns: time('cd', () => transport.handleRawMessage(cborBuffer)), bytes: cborBytes.length });
  if (received - before !== 2 * (warmupRounds + measuredRounds) * perRound || sink === 0) {
    process.stderr.write(`roslib emitted ${received - before} messages, expected ${2 * (warmupRounds + measuredRounds) * perRound}\n`);
    process.exit(1);
  }
}

for (const r of results) process.stdout.write(JSON.stringify({ op: r.op, meanNs: Math.round(r.ns), bytes: r.bytes }) + '\n');
