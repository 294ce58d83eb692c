// Interop peer for StrategicTech.Drivers.Mavlink tests: node-mavlink 2.3.0 against our stack over 127.0.0.1 UDP.
// Usage: node mavlink-interop-peer.mjs <port of our udpin node (system 1, component 1)>
// This side is system 42, component 1. It checks, and exits 1 naming the first mismatch:
//   - our HEARTBEAT (quadrotor, MAVLink version 3);
//   - COMMAND_LONG to our command server: COMPONENT_ARM_DISARM → ACK ACCEPTED addressed to us; DO_SET_SERVO → UNSUPPORTED;
//   - PARAM_REQUEST_READ by name (TEST_GAIN) and by index (2 = TEST_COUNT, INT32 byte-wise) → PARAM_VALUE fields;
//   - our ATTITUDE and GLOBAL_POSITION_INT carry the agreed values.
// It answers our COMMAND_LONG DO_SET_MODE (param1 1, param2 4) with COMMAND_ACK ACCEPTED (DENIED for other params),
// and sends its own HEARTBEAT, ATTITUDE and GLOBAL_POSITION_INT with agreed values for our side to check.
// On success it prints one JSON line {"ok":true,"checks":[...]} and exits 0. Gives up after 20 s.
import { createSocket } from 'node:dgram'
import { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, minimal, common } from 'node-mavlink'

const OUR_SYS = 42, OUR_COMP = 1, THEIR_SYS = 1, THEIR_COMP = 1
const port = Number(process.argv[2])
const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY }
const protocol = new MavLinkProtocolV2(OUR_SYS, OUR_COMP)
const socket = createSocket('udp4')
const splitter = new MavLinkPacketSplitter()
const parser = splitter.pipe(new MavLinkPacketParser())
const checks = []
let seq = 0
const waiters = []

function fail(message) {
  console.error('MISMATCH: ' + message)
  process.exit(1)
}
const timer = setTimeout(() => fail(`timed out after 20 s; passed so far: ${checks.join(', ')}`), 20000)

function expect(name, actual, expected) {
  if (actual !== expected) fail(`${name}: expected ${expected}, got ${actual}`)
}

function send(message) {
  socket.send(protocol.serialize(message, seq), port, '127.0.0.1')
  seq = (seq + 1) & 0xff
}

// Resolves with the next packet matching predicate(header, data).
function next(msgid, predicate = () => true) {
  return new Promise(resolve => waiters.push({ msgid, predicate, resolve }))
}

let commandFromThem = false
parser.on('data', packet => {
  const clazz = REGISTRY[packet.header.msgid]
  if (!clazz) return
  const data = packet.protocol.data(packet.payload, clazz)
  if (packet.header.sysid !== THEIR_SYS || packet.header.compid !== THEIR_COMP) return
  if (packet.header.msgid === common.CommandLong.MSG_ID && data.targetSystem === OUR_SYS) {
    const ack = new common.CommandAck()
    ack.command = data.command
    ack.result = data.command === 176 && data._param1 === 1 && data._param2 === 4 ? 0 : 2
    ack.targetSystem = THEIR_SYS
    ack.targetComponent = THEIR_COMP
    send(ack)
    if (ack.result === 0 && !commandFromThem) {
      commandFromThem = true
      checks.push('their COMMAND_LONG DO_SET_MODE acked')
    }
  }
  for (let i = 0; i < waiters.length; i++) {
    const w = waiters[i]
    if (w.msgid === packet.header.msgid && w.predicate(packet.header, data)) {
      waiters.splice(i, 1)
      w.resolve({ header: packet.header, data })
      return
    }
  }
})
socket.on('message', message => splitter.write(message))

function heartbeat() {
  const hb = new minimal.Heartbeat()
  hb.type = minimal.MavType.GCS
  hb.autopilot = minimal.MavAutopilot.INVALID
  hb.baseMode = 0
  hb.customMode = 7
  hb.systemStatus = minimal.MavState.ACTIVE
  hb.mavlinkVersion = 3
  send(hb)
}

function telemetry() {
  const att = new common.Attitude()
  att.timeBootMs = 4242
  att.roll = -0.75
  att.pitch = 0.125
  att.yaw = 3
  att.rollspeed = 0.5
  att.pitchspeed = -0.5
  att.yawspeed = 0.25
  send(att)
  const gpi = new common.GlobalPositionInt()
  gpi.timeBootMs = 4343
  gpi.lat = -338688000
  gpi.lon = 1512093000
  gpi.alt = 58000
  gpi.relativeAlt = 12000
  gpi.vx = -120
  gpi.vy = 340
  gpi.vz = -5
  gpi.hdg = 27000
  send(gpi)
}

async function run() {
  const ticker = setInterval(() => { heartbeat(); telemetry() }, 100)
  heartbeat()

  const hb = await next(minimal.Heartbeat.MSG_ID)
  expect('HEARTBEAT.type', hb.data.type, minimal.MavType.QUADROTOR)
  expect('HEARTBEAT.autopilot', hb.data.autopilot, minimal.MavAutopilot.GENERIC)
  expect('HEARTBEAT.mavlinkVersion', hb.data.mavlinkVersion, 3)
  checks.push('their HEARTBEAT')

  const arm = new common.CommandLong()
  arm.targetSystem = THEIR_SYS
  arm.targetComponent = THEIR_COMP
  arm.command = 400
  arm._param1 = 1
  const armAck = next(common.CommandAck.MSG_ID, (_, d) => d.command === 400)
  send(arm)
  const a = await armAck
  expect('COMMAND_ACK(400).result', a.data.result, 0)
  expect('COMMAND_ACK(400).targetSystem', a.data.targetSystem, OUR_SYS)
  expect('COMMAND_ACK(400).targetComponent', a.data.targetComponent, OUR_COMP)
  checks.push('COMMAND_LONG ARM accepted')

  const servo = new common.CommandLong()
  servo.targetSystem = THEIR_SYS
  servo.targetComponent = THEIR_COMP
  servo.command = 183
  servo._param1 = 9
  servo._param2 = 1500
  const servoAck = next(common.CommandAck.MSG_ID, (_, d) => d.command === 183)
  send(servo)
  expect('COMMAND_ACK(183).result', (await servoAck).data.result, 3)
  checks.push('COMMAND_LONG DO_SET_SERVO unsupported')

  const byName = new common.ParamRequestRead()
  byName.targetSystem = THEIR_SYS
  byName.targetComponent = THEIR_COMP
  byName.paramId = 'TEST_GAIN'
  byName.paramIndex = -1
  const gain = next(common.ParamValue.MSG_ID, (_, d) => d.paramId === 'TEST_GAIN')
  send(byName)
  const g = (await gain).data
  expect('PARAM_VALUE(TEST_GAIN).paramValue', g.paramValue, 0.125)
  expect('PARAM_VALUE(TEST_GAIN).paramType', g.paramType, common.MavParamType.REAL32)
  expect('PARAM_VALUE(TEST_GAIN).paramCount', g.paramCount, 3)
  expect('PARAM_VALUE(TEST_GAIN).paramIndex', g.paramIndex, 1)
  checks.push('PARAM_REQUEST_READ by name')

  const byIndex = new common.ParamRequestRead()
  byIndex.targetSystem = THEIR_SYS
  byIndex.targetComponent = THEIR_COMP
  byIndex.paramId = ''
  byIndex.paramIndex = 2
  const count = next(common.ParamValue.MSG_ID, (_, d) => d.paramIndex === 2)
  send(byIndex)
  const c = (await count).data
  expect('PARAM_VALUE(2).paramId', c.paramId, 'TEST_COUNT')
  expect('PARAM_VALUE(2).paramType', c.paramType, common.MavParamType.INT32)
  expect('PARAM_VALUE(2).paramCount', c.paramCount, 3)
  const bits = Buffer.alloc(4)
  bits.writeFloatLE(c.paramValue)
  expect('PARAM_VALUE(2).paramValue (INT32 byte-wise)', bits.readInt32LE(0), -123456)
  checks.push('PARAM_REQUEST_READ by index')

  const att = (await next(common.Attitude.MSG_ID)).data
  expect('ATTITUDE.timeBootMs', att.timeBootMs, 1234)
  expect('ATTITUDE.roll', att.roll, 0.5)
  expect('ATTITUDE.pitch', att.pitch, -0.25)
  expect('ATTITUDE.yaw', att.yaw, 1.5)
  expect('ATTITUDE.rollspeed', att.rollspeed, 0.0625)
  expect('ATTITUDE.pitchspeed', att.pitchspeed, -0.125)
  expect('ATTITUDE.yawspeed', att.yawspeed, 2)
  checks.push('their ATTITUDE')

  const gpi = (await next(common.GlobalPositionInt.MSG_ID)).data
  expect('GLOBAL_POSITION_INT.timeBootMs', gpi.timeBootMs, 5678)
  expect('GLOBAL_POSITION_INT.lat', gpi.lat, 473977420)
  expect('GLOBAL_POSITION_INT.lon', gpi.lon, 85455940)
  expect('GLOBAL_POSITION_INT.alt', gpi.alt, 488000)
  expect('GLOBAL_POSITION_INT.relativeAlt', gpi.relativeAlt, 25000)
  expect('GLOBAL_POSITION_INT.vx', gpi.vx, 150)
  expect('GLOBAL_POSITION_INT.vy', gpi.vy, -75)
  expect('GLOBAL_POSITION_INT.vz', gpi.vz, 10)
  expect('GLOBAL_POSITION_INT.hdg', gpi.hdg, 9000)
  checks.push('their GLOBAL_POSITION_INT')

  // Our side sends DO_SET_MODE once it has our telemetry; wait for it, then keep sending briefly so it sees ours.
  while (!commandFromThem) await new Promise(r => setTimeout(r, 20))
  await new Promise(r => setTimeout(r, 300))
  clearInterval(ticker)
  clearTimeout(timer)
  console.log(JSON.stringify({ ok: true, checks }))
  socket.close()
}

socket.bind(0, '127.0.0.1', () => { run().catch(e => fail(String(e))) })
