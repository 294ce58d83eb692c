// Ground-station mission download with node-mavlink 2.3.0, on 127.0.0.1 UDP only.
// Usage: node mavlink-mission-download.mjs <vehicle-port> [timeout-s]
// Says hello (GCS HEARTBEAT) to 127.0.0.1:<vehicle-port>, waits for the vehicle's HEARTBEAT, then downloads the
// mission as QGroundControl does: MISSION_REQUEST_LIST, MISSION_COUNT, one MISSION_REQUEST_INT per item (retried
// after 1 s), MISSION_ACK. Prints one JSON line { ok, count, items: [{ seq, command, frame, x, y, z }], autopilotVersion }
// (AUTOPILOT_VERSION asked with MAV_CMD_REQUEST_MESSAGE); exits 1 on a timeout (default 30 s).
import { createSocket } from 'node:dgram'
import { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, minimal, common, standard } from 'node-mavlink'

const port = Number(process.argv[2])
const timeoutS = Number(process.argv[3] ?? 30)
const REGISTRY = { ...minimal.REGISTRY, ...standard.REGISTRY, ...common.REGISTRY }
const protocol = new MavLinkProtocolV2(246, 190)
const socket = createSocket('udp4')
const splitter = new MavLinkPacketSplitter()
const parser = splitter.pipe(new MavLinkPacketParser())
let seq = 0
let vehicle = null
let count = -1
const items = []
let version = null
let lastSentMs = 0
let retryAction = null

function send(message) {
  socket.send(protocol.serialize(message, seq++ & 255), port, '127.0.0.1')
}

function retrying(action) {
  retryAction = action
  lastSentMs = Date.now()
  action()
}

function requestList() {
  const m = new common.MissionRequestList()
  m.targetSystem = vehicle.sysid
  m.targetComponent = vehicle.compid
  m.missionType = common.MavMissionType.MISSION
  retrying(() => send(m))
}

function requestItem(index) {
  const m = new common.MissionRequestInt()
  m.targetSystem = vehicle.sysid
  m.targetComponent = vehicle.compid
  m.seq = index
  m.missionType = common.MavMissionType.MISSION
  retrying(() => send(m))
}

function requestVersion() {
  const c = new common.CommandLong()
  c.targetSystem = vehicle.sysid
  c.targetComponent = vehicle.compid
  c.command = common.MavCmd.REQUEST_MESSAGE
  c.confirmation = 0
  c._param1 = standard.AutopilotVersion.MSG_ID
  for (let i = 2; i <= 7; i++) {
    c[`_param${i}`] = 0
  }
  retrying(() => send(c))
}

function finish() {
  console.log(JSON.stringify({ ok: true, count, items, autopilotVersion: version, sysid: vehicle.sysid }))
  process.exit(0)
}

function onPacket(packet) {
  const clazz = REGISTRY[packet.header.msgid]
  if (!clazz) {
    return
  }
  const data = packet.protocol.data(packet.payload, clazz)
  const id = packet.header.msgid
  if (id === minimal.Heartbeat.MSG_ID && data.autopilot !== minimal.MavAutopilot.INVALID) {
    if (!vehicle) {
      vehicle = { sysid: packet.header.sysid, compid: packet.header.compid }
      requestList()
    }
    return
  }
  if (!vehicle || packet.header.sysid !== vehicle.sysid) {
    return
  }
  if (id === common.MissionCount.MSG_ID && data.missionType === common.MavMissionType.MISSION && count < 0) {
    count = data.count
    if (count === 0) {
      requestVersion()
    } else {
      requestItem(0)
    }
  } else if (id === common.MissionItemInt.MSG_ID && data.missionType === common.MavMissionType.MISSION && data.seq === items.length) {
    items.push({ seq: data.seq, command: data.command, frame: data.frame, x: data.x, y: data.y, z: data.z })
    if (items.length < count) {
      requestItem(items.length)
    } else {
      const ack = new common.MissionAck()
      ack.targetSystem = vehicle.sysid
      ack.targetComponent = vehicle.compid
      ack.type = common.MavMissionResult.ACCEPTED
      ack.missionType = common.MavMissionType.MISSION
      send(ack)
      requestVersion()
    }
  } else if (id === standard.AutopilotVersion.MSG_ID && version === null) {
    version = { flightSwVersion: data.flightSwVersion, capabilities: data.capabilities.toString() }
    finish()
  }
}

setTimeout(() => {
  console.log(JSON.stringify({ ok: false, error: `timeout after ${timeoutS} s`, vehicle, count, items }))
  process.exit(1)
}, timeoutS * 1000)
setInterval(() => {
  if (!vehicle) {
    const hello = new minimal.Heartbeat()
    hello.type = minimal.MavType.GCS
    hello.autopilot = minimal.MavAutopilot.INVALID
    hello.baseMode = 0
    hello.customMode = 0
    hello.systemStatus = minimal.MavState.ACTIVE
    hello.mavlinkVersion = 3
    send(hello)
  } else if (retryAction && Date.now() - lastSentMs > 1000) {
    lastSentMs = Date.now()
    retryAction()
  }
}, 100)

socket.on('message', message => splitter.write(message))
parser.on('data', onPacket)
socket.bind(0, '127.0.0.1')
