using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Fleet.Zones;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// A zone holder that loses its network connection, through a broker on VDA 5050 3.0.0: AGV A holds the grant of a
/// RELEASE zone (capacity 1) at the zone's edge while B is queued; A's TCP connection is cut (no DISCONNECT: the
/// broker publishes its last will CONNECTION_BROKEN). The master frees A's zone and grants B, which crosses and
/// reaches its goal; A, having lost its grant with the connection, stays outside; back online it asks again under a
/// new request and enters only on that new grant. Every message on the wire strictly 3.0.0-schema valid.
/// </summary>
public sealed class ZoneConnectionLossTests
{
    private const double StepM = 0.1;

    /// <summary>A point robot driving a straight line in 0.1 m steps, asking its gate before each; it waits at <c>hold</c> until told to go on.</summary>
    private sealed class Agv(Vda5050AgvClient client, string serial, (double X, double Y) start, (double X, double Y) goal, (double X, double Y) hold)
    {
        private volatile bool _offline;

        public Vda5050AgvClient Client { get; } = client;

        public string Serial { get; } = serial;

        public (double X, double Y) Position { get; private set; } = start;

        public ConcurrentQueue<(string RequestId, GrantType Grant)> Answers { get; } = new();

        /// <summary>The request ids of the zone requests this robot held when it entered the zone.</summary>
        public List<string> EnteredUnder { get; } = [];

        public bool Offline
        {
            get => _offline;
            set => _offline = value;
        }

        public bool AtGoal => Same(Position, goal);

        public async Task DriveAsync(ZoneTestKit.Occupancy occupancy, Func<bool> leaveHold)
        {
            var deadline = DateTime.UtcNow + ZoneTestKit.Patience;
            while (!AtGoal && DateTime.UtcNow < deadline)
            {
                ZoneSetDefinition? set = Client.ZoneSets.EnabledFor("hall");
                double dx = Math.Clamp(goal.X - Position.X, -StepM, StepM), dy = Math.Clamp(goal.Y - Position.Y, -StepM, StepM);
                (double X, double Y) next = (Math.Round(Position.X + dx, 6), Math.Round(Position.Y + dy, 6));
                bool may = Client.Requests.MayMove(set, Position.X, Position.Y, next.X, next.Y);
                if (may && (!Same(Position, hold) || leaveHold()))
                {
                    bool wasInside = set is not null && ZonePolygon.Contains(set.Zones[0], Position.X, Position.Y);
                    Position = next;
                    Client.Requests.Moved(set, next.X, next.Y);
                    bool inside = set is not null && ZonePolygon.Contains(set.Zones[0], next.X, next.Y);
                    if (inside && !wasInside)
                    {
                        EnteredUnder.Add(Client.Requests.ZoneRequests().Single(r => r.RequestStatus == RequestStatus.Granted).RequestId);
                    }

                    occupancy.At(Serial, inside);
                }

                await PublishAsync();
                await Task.Delay(10);
            }

            await PublishAsync();
        }

        private async Task PublishAsync()
        {
            if (Offline)
            {
                return; // the network is down: nothing goes out
            }

            try
            {
                await Client.PublishStateAsync(StateNow(), CancellationToken.None);
            }
            catch (MqttCommunicationException)
            {
                // the connection died under this publish; the next state after the reconnect carries the news
            }
        }

        private State StateNow() => ZoneTestKit.PointRobotState(Position, driving: !AtGoal);

        private static bool Same((double X, double Y) a, (double X, double Y) b) => Math.Abs(a.X - b.X) < 1e-9 && Math.Abs(a.Y - b.Y) < 1e-9;
    }

    [Fact]
    public async Task A_zone_holder_whose_connection_is_cut_loses_the_zone_to_the_queued_robot_and_enters_only_on_a_new_grant_when_back()
    {
        int port = FleetTestRig.FreePort();
        using MqttServer broker = await ZoneTestKit.StartBrokerAsync(port);
        await using var relay = new TcpCutRelay(port);
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        await using var zones = new ZoneRequestService(master, new ReleaseArbiter(TimeProvider.System), "3.0.0");
        master.StateReceived += zones.OnState;
        master.ConnectionReceived += zones.OnConnection;
        var broken = new ConcurrentQueue<string>();
        master.ConnectionReceived += c =>
        {
            if (c.ConnectionState == ConnectionState.ConnectionBroken)
            {
                broken.Enqueue(c.SerialNumber);
            }
        };
        using ZoneTestKit.WireTap tap = await ZoneTestKit.WireTap.StartAsync(port);
        await master.ConnectAsync(CancellationToken.None);

        // A reaches the broker through the relay (so its network can be cut), B directly.
        var a = new Agv(new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", relay.Port, "StrategicTech", "AMR-A", "3.0.0")), "AMR-A", (-3, 0), (3, 0), hold: (-1.1, 0));
        var b = new Agv(new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "AMR-B", "3.0.0")), "AMR-B", (0, -3), (0, 3), hold: (99, 99));
        await using (a.Client)
        await using (b.Client)
        {
            foreach (Agv r in new[] { a, b })
            {
                r.Client.ResponsesReceived += m => m.Items.ForEach(i => r.Answers.Enqueue((i.RequestId, i.GrantType)));
                await r.Client.ConnectAsync(CancellationToken.None);
                await master.SendZoneSetAsync("StrategicTech", r.Serial, ZoneTestKit.DoorAround(0, 0), CancellationToken.None);
            }

            Assert.True(await ZoneTestKit.Until(() => a.Client.ZoneSets.EnabledFor("hall") is not null && b.Client.ZoneSets.EnabledFor("hall") is not null));
            var occupancy = new ZoneTestKit.Occupancy();
            bool aBack = false;
            Task driveA = a.DriveAsync(occupancy, leaveHold: () => Volatile.Read(ref aBack));
            Assert.True(await ZoneTestKit.Until(() => a.Answers.Any(x => x.Grant == GrantType.Granted)));
            string firstGrant = a.Answers.First(x => x.Grant == GrantType.Granted).RequestId;
            Task driveB = b.DriveAsync(occupancy, leaveHold: () => true);
            Assert.True(await ZoneTestKit.Until(() => b.Answers.Any(x => x.Grant == GrantType.Queued))); // B waits behind A's grant

            a.Offline = true;
            relay.Cut();
            Assert.True(await ZoneTestKit.Until(() => broken.Contains("AMR-A"))); // the broker sent A's last will
            Assert.True(await ZoneTestKit.Until(() => b.Answers.Any(x => x.Grant == GrantType.Granted))); // ... and the master gave B the zone
            await driveB;
            Assert.True(b.AtGoal, $"B at {b.Position}");
            Assert.Equal((-1.1, 0.0), a.Position); // A, its grant void with the connection, stayed outside
            Assert.Equal(["AMR-B"], occupancy.Entries);

            await a.Client.ConnectAsync(CancellationToken.None);
            a.Offline = false;
            Volatile.Write(ref aBack, true);
            await driveA;
            Assert.True(a.AtGoal, $"A at {a.Position}");
            Assert.Equal(["AMR-B", "AMR-A"], occupancy.Entries);
            Assert.Equal(1, occupancy.MaxInside);
            string entered = Assert.Single(a.EnteredUnder);
            Assert.NotEqual(firstGrant, entered); // A entered on a request raised after its return
            Assert.Contains((entered, GrantType.Granted), a.Answers);
            Assert.Empty(zones.Arbiter.HoldersOf(ReleaseArbiter.ZoneKey("zs-1", "door")));
            Assert.Equal(0, a.Client.RejectedCount + b.Client.RejectedCount + master.RejectedCount);

            tap.AssertStrict300("zoneSet", "state", "responses", "connection");

            await a.Client.DisconnectAsync(CancellationToken.None);
            await b.Client.DisconnectAsync(CancellationToken.None);
        }

        await master.DisconnectAsync(CancellationToken.None);
        await broker.StopAsync();
    }
}
