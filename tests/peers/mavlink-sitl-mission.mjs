// Interop peer for the SITL vehicle: node-mavlink 2.3.0 as the ground station, on 127.0.0.1 UDP only.
// Usage: node mavlink-sitl-mission.mjs <vehicle-port> [timeout-s]
// Says hello (GCS HEARTBEAT) to 127.0.0.1:<vehicle-port>, waits for the vehicle's HEARTBEAT and position, uploads a
// 4-item mission around where it stands (takeoff 6 m, two waypoints 12 m away, land) with the mission protocol,
// arms (COMPONENT_ARM_DISARM), starts it (MISSION_START), then expects one MISSION_ITEM_REACHED per item in order and
// the vehicle landed (EXTENDED_SYS_STATE ON_GROUND after IN_AIR) and disarmed. Prints one JSON summary line; exits 1
// on any mismatch or timeout (default 50 s).
import { createSocket } from 'node:dgram'
import { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, minimal, common } from 'node-mavlink'

const port = Number(process.argv[2])
const timeoutS = Number(process.argv[3] ?? 50)
const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY }
const protocol = new MavLinkProtocolV2(245, 190)
const socket = createSocket('udp4')
const splitter = new MavLinkPacketSplitter()
const parser = splitter.pipe(new MavLinkPacketParser())
let seq = 0
let phase = 'connect'
let vehicle = null
let mission = []
let lastSentMs = 0
let retryAction = null
const reached = []
let sawInAir = false
let landed = false
let armed = false
const acks = {}
let armDenials = 0
const log = []

function fail(message) {
  console.log(JSON.stringify({ ok: false, error: message, phase, reached, sawInAir, landed, armed, log: log.slice(-20) }))
  process.exit(1)
}

function send(message) {
  socket.send(protocol.serialize(message, seq++ & 255), port, '127.0.0.1')
}

function sendRetrying(action) {
  retryAction = action
  lastSentMs = Date.now()
  action()
}

function command(id, params) {
  const c = new common.CommandLong()
  c.targetSystem = vehicle.sysid
  c.targetComponent = vehicle.compid
  c.command = id
  c.confirmation = 0
  for (let i = 0; i < 7; i++) {
    c[`_param${i + 1}`] = params[i] ?? 0
  }
  sendRetrying(() => { send(c); c.confirmation = Math.min(255, c.confirmation + 1) })
}

function item(index, command, lat, lon, alt) {
  const m = new common.MissionItemInt()
  m.targetSystem = vehicle.sysid
  m.targetComponent = vehicle.compid
  m.seq = index
  m.frame = common.MavFrame.GLOBAL_RELATIVE_ALT_INT
  m.command = command
  m.current = 0
  m.autocontinue = 1
  m.param1 = 0
  m.param2 = 0
  m.param3 = 0
  m.param4 = NaN
  m.x = lat
  m.y = lon
  m.z = alt
  m.missionType = common.MavMissionType.MISSION
  return m
}

function buildMission(latE7, lonE7) {
  const metresPerDegree = 111320
  const north = Math.round(12 / metresPerDegree * 1e7)
  const east = Math.round(12 / (metresPerDegree * Math.cos(latE7 / 1e7 * Math.PI / 180)) * 1e7)
  return [
    item(0, common.MavCmd.NAV_TAKEOFF, 0, 0, 6),
    item(1, common.MavCmd.NAV_WAYPOINT, latE7 + north, lonE7, 6),
    item(2, common.MavCmd.NAV_WAYPOINT, latE7 + north, lonE7 + east, 6),
    item(3, common.MavCmd.NAV_LAND, latE7 + north, lonE7 + east, 0),
  ]
}

function startUpload() {
  phase = 'upload'
  const count = new common.MissionCount()
  count.targetSystem = vehicle.sysid
  count.targetComponent = vehicle.compid
  count.count = mission.length
  count.missionType = common.MavMissionType.MISSION
  sendRetrying(() => send(count))
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
      vehicle = { sysid: packet.header.sysid, compid: packet.header.compid, type: data.type, autopilot: data.autopilot }
    }
    armed = (data.baseMode & minimal.MavModeFlag.SAFETY_ARMED) !== 0
    return
  }
  if (!vehicle || packet.header.sysid !== vehicle.sysid) {
    return
  }
  switch (id) {
    case common.GlobalPositionInt.MSG_ID:
      if (phase === 'connect') {
        mission = buildMission(data.lat, data.lon)
        startUpload()
      }
      break
    case common.MissionRequestInt.MSG_ID:
    case common.MissionRequest.MSG_ID:
      if (phase === 'upload' && data.missionType === common.MavMissionType.MISSION && data.seq < mission.length) {
        sendRetrying(() => send(mission[data.seq]))
      }
      break
    case common.MissionAck.MSG_ID:
      if (phase === 'upload' && data.missionType === common.MavMissionType.MISSION) {
        if (data.type !== common.MavMissionResult.ACCEPTED) {
          fail(`mission upload refused: MAV_MISSION_RESULT ${data.type}`)
        }
        phase = 'arm'
        command(common.MavCmd.COMPONENT_ARM_DISARM, [1])
      }
      break
    case common.CommandAck.MSG_ID:
      acks[data.command] = data.result
      log.push(`ack ${data.command}=${data.result}`)
      if (phase === 'arm' && data.command === common.MavCmd.COMPONENT_ARM_DISARM) {
        if (data.result === common.MavResult.DENIED || data.result === common.MavResult.TEMPORARILY_REJECTED) {
          // Pre-arm checks not passed yet (estimator settling), as a pilot would: try again in a second.
          armDenials++
          retryAction = null
          setTimeout(() => command(common.MavCmd.COMPONENT_ARM_DISARM, [1]), 1000)
          break
        }
        if (data.result !== common.MavResult.ACCEPTED) {
          fail(`arming refused: MAV_RESULT ${data.result}`)
        }
        phase = 'start'
        command(common.MavCmd.MISSION_START, [0, mission.length - 1])
      } else if (phase === 'start' && data.command === common.MavCmd.MISSION_START) {
        if (data.result !== common.MavResult.ACCEPTED) {
          fail(`mission start refused: MAV_RESULT ${data.result}`)
        }
        phase = 'fly'
        retryAction = null
      }
      break
    case common.MissionItemReached.MSG_ID:
      reached.push(data.seq)
      break
    case common.ExtendedSysState.MSG_ID:
      if (phase === 'fly') {
        sawInAir ||= data.landedState === common.MavLandedState.IN_AIR
        landed = sawInAir && data.landedState === common.MavLandedState.ON_GROUND
      }
      break
    case common.StatusText.MSG_ID:
      log.push(`text ${data.text}`)
      break
  }
  if (phase === 'fly' && landed && !armed && reached.length >= mission.length) {
    finish()
  }
}

function finish() {
  const expected = mission.map((_, i) => i)
  const ok = JSON.stringify(reached) === JSON.stringify(expected) && vehicle.autopilot === minimal.MavAutopilot.PX4
  console.log(JSON.stringify({ ok, phase, reached, armDenials, sawInAir, landed, armed, vehicle, items: mission.length, log: log.slice(-20) }))
  process.exit(ok ? 0 : 1)
}

setTimeout(() => fail(`timeout after ${timeoutS} s`), timeoutS * 1000)
setInterval(() => {
  const now = Date.now()
  if (!vehicle) {
    const hello = new minimal.Heartbeat()
    hello.type = minimal.MavType.GCS
    hello.autopilot = minimal.MavAutopilot.INVALID
    hello.baseMode = 0
    hello.customMode = 0
    hello.systemStatus = minimal.MavState.ACTIVE
    hello.mavlinkVersion = 3
    send(hello)
  } else if (retryAction && now - lastSentMs > 1000) {
    lastSentMs = now
    retryAction()
  }
}, 100)

socket.on('message', message => splitter.write(message))
parser.on('data', onPacket)
socket.bind(0, '127.0.0.1')
