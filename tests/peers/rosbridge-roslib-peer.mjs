// roslib 2.1.0 (the rosbridge reference client) against our simulated robot's rosbridge server.
// Usage: node rosbridge-roslib-peer.mjs <port>. Prints one JSON line of what it saw; exits 1 naming a failed check.
// Order: subscribe /odom (JSON) and /scan (CBOR), publish /cmd_vel until odom shows > 0.5 m, stop, call
// /reset_odometry (std_srvs/srv/Trigger), send a /rotate action goal with feedback, then exit.
import { Ros, Topic, Service, Action } from 'roslib';

const port = Number(process.argv[2]);
const fail = (why) => { process.stderr.write(`MISMATCH: ${why}\n`); process.exit(1); };
setTimeout(() => fail('timed out after 50 s'), 50_000).unref();

const ros = new Ros({ url: `ws://127.0.0.1:${port}` });
ros.on('error', (e) => process.stderr.write(`ros error: ${e}\n`));
await new Promise((resolve) => ros.on('connection', resolve));

const out = { odomMaxX: 0, odomFrame: null, scanBeams: 0, scanIsFloat32Array: false, service: null, feedback: 0, action: null };
const odom = new Topic({ ros, name: '/odom', messageType: 'nav_msgs/msg/Odometry' });
const scan = new Topic({ ros, name: '/scan', messageType: 'sensor_msgs/msg/LaserScan', compression: 'cbor' });
const cmd = new Topic({ ros, name: '/cmd_vel', messageType: 'geometry_msgs/msg/Twist' });
cmd.advertise();
scan.subscribe((m) => { out.scanBeams = m.ranges.length; out.scanIsFloat32Array = m.ranges instanceof Float32Array; });

await new Promise((resolve) => {
  const drive = setInterval(() => cmd.publish({ linear: { x: 0.4, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } }), 20);
  odom.subscribe((m) => {
    out.odomFrame = `${m.header.frame_id}->${m.child_frame_id}`;
    // Keep the first odometry past the threshold: later ones only measure how fast the stop got through.
    if (out.odomMaxX > 0.5) return;
    out.odomMaxX = Math.max(out.odomMaxX, m.pose.pose.position.x);
    if (out.odomMaxX > 0.5) { clearInterval(drive); resolve(); }
  });
});
cmd.publish({ linear: { x: 0, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } });

out.service = await new Promise((resolve) => {
  new Service({ ros, name: '/reset_odometry', serviceType: 'std_srvs/srv/Trigger' })
    .callService({}, (r) => resolve(r), (e) => fail(`service failed: ${e}`));
});
if (out.service.success !== true || out.service.message !== 'odometry reset') fail(`service response ${JSON.stringify(out.service)}`);

out.action = await new Promise((resolve) => {
  new Action({ ros, name: '/rotate', actionType: 'strategictech_msgs/action/Rotate' })
    .sendGoal({ angle_rad: 0.5 }, (r) => resolve(r), () => { out.feedback++; }, (e) => fail(`action failed: ${e}`));
});
if (!(Math.abs(out.action.delta_rad - 0.5) < 0.02)) fail(`action result ${JSON.stringify(out.action)}`);
if (out.scanBeams !== 360 || !out.scanIsFloat32Array) fail(`scan: ${out.scanBeams} beams, Float32Array ${out.scanIsFloat32Array}`);

process.stdout.write(JSON.stringify(out) + '\n');
ros.close();
process.exit(0);
