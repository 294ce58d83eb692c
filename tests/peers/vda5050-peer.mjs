// Interop peer for the VDA 5050 tests: vda-5050-lib (Siemens, MIT) as master or as AGV, VDA 5050 2.0.0.
// usage: node vda5050-peer.mjs master|agv <brokerPort> <manufacturer> <serialNumber>
// Prints one line per event ("READY", "ORDER <json>", "STATE <json>") on stdout; exits 0 when its part is done.
import vda from "vda-5050-lib";

const [mode, port, manufacturer, serialNumber] = process.argv.slice(2);
const options = { interfaceName: "uagv", transport: { brokerUrl: `mqtt://127.0.0.1:${port}` }, vdaVersion: "2.0.0" };
const agvId = { manufacturer, serialNumber };
setTimeout(() => { console.log("TIMEOUT"); process.exit(1); }, 60000);

if (mode === "master") {
    const mc = new vda.MasterControlClient(options);
    await mc.start();
    await mc.subscribe(vda.Topic.State, agvId, async state => {
        if (state.orderId === "interop-order-1") {
            console.log("STATE " + JSON.stringify(state));
            await mc.stop();
            process.exit(0);
        }
    });
    mc.trackAgvs(async (id, connectionState) => {
        if (id.serialNumber === serialNumber && connectionState === "ONLINE") {
            await mc.publish(vda.Topic.Order, agvId, {
                orderId: "interop-order-1",
                orderUpdateId: 0,
                nodes: [
                    { nodeId: "n1", sequenceId: 0, released: true, nodePosition: { x: 1, y: 2, mapId: "warehouse" }, actions: [] },
                    { nodeId: "n2", sequenceId: 2, released: true, actions: [{ actionType: "pick", actionId: "a1", blockingType: "HARD" }] },
                ],
                edges: [{ edgeId: "e1", sequenceId: 1, startNodeId: "n1", endNodeId: "n2", released: true, actions: [] }],
            });
            console.log("ORDER-SENT");
        }
    });
    console.log("READY");
} else if (mode === "agv") {
    const agv = new vda.AgvClient(agvId, options);
    await agv.start();
    await agv.subscribe(vda.Topic.Order, async order => {
        console.log("ORDER " + JSON.stringify(order));
        await agv.publish(vda.Topic.State, {
            orderId: order.orderId, orderUpdateId: order.orderUpdateId, lastNodeId: order.nodes[0].nodeId, lastNodeSequenceId: 0,
            nodeStates: [], edgeStates: [], driving: false, actionStates: [], operatingMode: "AUTOMATIC", errors: [],
            batteryState: { batteryCharge: 90, charging: false }, safetyState: { eStop: "NONE", fieldViolation: false },
        });
        console.log("STATE-SENT");
        setTimeout(async () => { await agv.stop(); process.exit(0); }, 500);
    });
    console.log("READY");
} else {
    console.error("usage: node vda5050-peer.mjs master|agv <port> <manufacturer> <serialNumber>");
    process.exit(2);
}
