// Interop peer for StrategicTech.Drivers.Mavlink tests: node-mavlink 2.3.0 on 127.0.0.1 UDP.
// Usage: node mavlink-udp-peer.mjs <port>
// Sends a HEARTBEAT (system 42) to 127.0.0.1:<port>, then prints the first frame it receives back as one JSON
// line (message id, header and decoded fields) and exits. Exits 1 after 10 s without a reply.
import { createSocket } from 'node:dgram'
import { MavLinkPacketSplitter, MavLinkPacketParser, MavLinkProtocolV2, minimal, common } from 'node-mavlink'

const port = Number(process.argv[2])
const REGISTRY = { ...minimal.REGISTRY, ...common.REGISTRY }
const socket = createSocket('udp4')
const splitter = new MavLinkPacketSplitter()
const parser = splitter.pipe(new MavLinkPacketParser())
const timer = setTimeout(() => { console.error('no reply within 10 s'); process.exit(1) }, 10000)

parser.on('data', packet => {
  const clazz = REGISTRY[packet.header.msgid]
  const data = clazz ? packet.protocol.data(packet.payload, clazz) : null
  const fields = {}
  if (data) {
    for (const [key, value] of Object.entries(data)) {
      fields[key] = typeof value === 'bigint' ? value.toString() : value
    }
  }
  console.log(JSON.stringify({ msgid: packet.header.msgid, sysid: packet.header.sysid, compid: packet.header.compid, seq: packet.header.seq, fields }))
  clearTimeout(timer)
  socket.close()
})

socket.on('message', message => splitter.write(message))
socket.bind(0, '127.0.0.1', () => {
  const heartbeat = new minimal.Heartbeat()
  heartbeat.type = minimal.MavType.QUADROTOR
  heartbeat.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA
  heartbeat.baseMode = 81
  heartbeat.customMode = 4
  heartbeat.systemStatus = minimal.MavState.ACTIVE
  heartbeat.mavlinkVersion = 3
  const buffer = new MavLinkProtocolV2(42, 1).serialize(heartbeat, 7)
  socket.send(buffer, port, '127.0.0.1')
})
