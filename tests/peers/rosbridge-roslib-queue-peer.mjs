// roslib 2.1.0 as a slow subscriber with queue_length, against our rosbridge server.
// Usage: node rosbridge-roslib-queue-peer.mjs <port> <queueLength> <lastIndex>. Subscribes /big (std_msgs/msg/String,
// data starts with a 3-digit index) with queue_length; prints "first" on the first message and then blocks its event
// loop (a synchronous read of stdin) until the test writes a line, so the socket stops being read meanwhile. Then
// prints one JSON line with the indices received, once <lastIndex> has arrived.
import { readSync } from 'node:fs';
import { Ros, Topic } from 'roslib';

const [port, queueLength, lastIndex] = process.argv.slice(2).map(Number);
const fail = (why) => { process.stderr.write(`MISMATCH: ${why}\n`); process.exit(1); };
setTimeout(() => fail('timed out after 100 s'), 100_000).unref();

const ros = new Ros({ url: `ws://127.0.0.1:${port}` });
ros.on('error', (e) => process.stderr.write(`ros error: ${e}\n`));
await new Promise((resolve) => ros.on('connection', resolve));

const received = [];
const big = new Topic({ ros, name: '/big', messageType: 'std_msgs/msg/String', queue_length: queueLength });
await new Promise((resolve) => {
  big.subscribe((m) => {
    const index = Number(m.data.slice(0, 3));
    received.push(index);
    if (received.length === 1) {
      process.stdout.write('first\n');
      readSync(0, Buffer.alloc(1)); // the slow reader: nothing is read from the socket until the test says so
    }

    if (index === lastIndex) resolve();
  });
  process.stdout.write('subscribed\n');
});

process.stdout.write(JSON.stringify({ received }) + '\n');
ros.close();
process.exit(0);
