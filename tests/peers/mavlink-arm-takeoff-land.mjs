// Ground station for the interactive SITL vehicle, with node-mavlink 2.3.0, on 127.0.0.1 UDP only.
// Usage: node mavlink-arm-takeoff-land.mjs <listen-port> [timeout-s]
// Listens where the vehicle streams (its --gcs-port), answers the port it hears from, as QGroundControl does:
// waits for the vehicle's HEARTBEAT, arms (COMPONENT_ARM_DISARM, retried each second while the pre-arm checks
// deny), takes off (NAV_TAKEOFF, param7 NaN: default height), waits until IN_AIR and above 1.5 m, lands (NAV_LAND),
// waits for ON_GROUND and disarmed. Prints one JSON line { ok, sysid, maxRelativeAltM, ... }; exits 1 on a timeout.
import { createSocket } from 'node:dgram'
import { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, minimal, common } from 'node-mavlink'

const listenPort = Number(process.argv[2])
const timeoutS = Number(process.argv[3] ?? 120)
const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY }
const protocol = new MavLinkProtocolV2(255, 190)
const socket = createSocket('udp4')
const splitter = new MavLinkPacketSplitter()
const parser = splitter.pipe(new MavLinkPacketParser())
let seq = 0
let vehicle = null
let phase = 'connect'
let armed = false
let landedState = 0
let relativeAltM = 0
let maxRelativeAltM = 0
let lastSentMs = 0
let retryAction = null
const acks = []

function send(message) {
  socket.send(protocol.serialize(message, seq++ & 255), vehicle.port, '127.0.0.1')
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
  retryAction = () => send(c)
  lastSentMs = Date.now()
  send(c)
}

function finish(ok, error) {
  console.log(JSON.stringify({ ok, error, phase, sysid: vehicle?.sysid, port: vehicle?.port, maxRelativeAltM, armed, landedState, acks }))
  process.exit(ok ? 0 : 1)
}

function onPacket(packet, port) {
  const clazz = REGISTRY[packet.header.msgid]
  if (!clazz) {
    return
  }
  const data = packet.protocol.data(packet.payload, clazz)
  const id = packet.header.msgid
  if (id === minimal.Heartbeat.MSG_ID) {
    if (!vehicle) {
      vehicle = { sysid: packet.header.sysid, compid: packet.header.compid, port }
      phase = 'arm'
      command(common.MavCmd.COMPONENT_ARM_DISARM, [1])
    }
    armed = (data.baseMode & minimal.MavModeFlag.SAFETY_ARMED) !== 0
  } else if (!vehicle || packet.header.sysid !== vehicle.sysid) {
    return
  } else if (id === common.CommandAck.MSG_ID) {
    acks.push(`${data.command}=${data.result}`)
    if (phase === 'arm' && data.command === common.MavCmd.COMPONENT_ARM_DISARM) {
      if (data.result !== common.MavResult.ACCEPTED) {
        // Pre-arm checks not passed yet (the estimator is settling): try again in a second.
        retryAction = null
        setTimeout(() => command(common.MavCmd.COMPONENT_ARM_DISARM, [1]), 1000)
        return
      }
      phase = 'takeoff'
      command(common.MavCmd.NAV_TAKEOFF, [0, 0, 0, NaN, NaN, NaN, NaN])
    } else if (phase === 'takeoff' && data.command === common.MavCmd.NAV_TAKEOFF) {
      if (data.result !== common.MavResult.ACCEPTED) {
        finish(false, `takeoff refused: ${data.result}`)
      }
      phase = 'climb'
      retryAction = null
    } else if (phase === 'land' && data.command === common.MavCmd.NAV_LAND) {
      if (data.result !== common.MavResult.ACCEPTED) {
        finish(false, `land refused: ${data.result}`)
      }
      phase = 'descend'
      retryAction = null
    }
  } else if (id === common.GlobalPositionInt.MSG_ID) {
    relativeAltM = data.relativeAlt / 1000
    maxRelativeAltM = Math.max(maxRelativeAltM, relativeAltM)
  } else if (id === common.ExtendedSysState.MSG_ID) {
    landedState = data.landedState
  }
  if (phase === 'climb' && landedState === common.MavLandedState.IN_AIR && relativeAltM > 1.5) {
    phase = 'land'
    command(common.MavCmd.NAV_LAND, [0, 0, 0, NaN, NaN, NaN, NaN])
  } else if (phase === 'descend' && landedState === common.MavLandedState.ON_GROUND && !armed) {
    finish(true)
  }
}

setTimeout(() => finish(false, `timeout after ${timeoutS} s`), timeoutS * 1000)
setInterval(() => {
  if (retryAction && Date.now() - lastSentMs > 1000) {
    lastSentMs = Date.now()
    retryAction()
  }
}, 100)

socket.on('message', (message, remote) => {
  splitter.__port = remote.port
  splitter.write(message)
})
parser.on('data', packet => onPacket(packet, splitter.__port))
socket.bind(listenPort, '127.0.0.1')
