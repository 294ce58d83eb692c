using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Fleet.Zones;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// Two AGVs on VDA 5050 3.0.0 cross one RELEASE zone (capacity 1) on crossing paths, through a broker: the master
/// sends the zone set, each AGV asks for the zone before entering (state.zoneRequests) and waits for GRANTED in
/// responses; the master grants one at a time, queues the other, and lets it in when the first has left. Robot A
/// dwells in the zone until B has been queued, so the two really contend whatever the machine's speed. Never both
/// inside; both reach their goals; every message on the wire strictly 3.0.0-schema valid.
/// </summary>
public sealed class ZoneContentionTests
{
    private const double StepM = 0.1;

    private sealed class Robot(Vda5050AgvClient client, string serial, (double X, double Y) start, (double X, double Y) goal, (double X, double Y) centre = default)
    {
        private int _statesSent;

        public Vda5050AgvClient Client { get; } = client;

        public string Serial { get; } = serial;

        public (double X, double Y) Position { get; private set; } = start;

        public ConcurrentQueue<GrantType> Answers { get; } = new();

        public int StatesSent => Volatile.Read(ref _statesSent);

        public bool AtGoal => Math.Abs(Position.X - goal.X) < 1e-9 && Math.Abs(Position.Y - goal.Y) < 1e-9;

        /// <summary>Drives to the goal in 0.1 m steps, asking the gate before each; dwells at the zone centre until <paramref name="leaveCentre"/>.</summary>
        public async Task DriveAsync(ZoneTestKit.Occupancy occupancy, Func<bool> leaveCentre)
        {
            var deadline = DateTime.UtcNow + ZoneTestKit.Patience;
            int sent = 0;
            while (!AtGoal && DateTime.UtcNow < deadline)
            {
                ZoneSetDefinition? set = Client.ZoneSets.EnabledFor("hall");
                double dx = Math.Clamp(goal.X - Position.X, -StepM, StepM), dy = Math.Clamp(goal.Y - Position.Y, -StepM, StepM);
                (double X, double Y) next = (Math.Round(Position.X + dx, 6), Math.Round(Position.Y + dy, 6));
                bool atCentre = Math.Abs(Position.X - centre.X) < 1e-9 && Math.Abs(Position.Y - centre.Y) < 1e-9;
                if ((!atCentre || leaveCentre()) && Client.Requests.MayMove(set, Position.X, Position.Y, next.X, next.Y))
                {
                    Position = next;
                    Client.Requests.Moved(set, next.X, next.Y);
                    occupancy.At(Serial, set is not null && ZonePolygon.Contains(set.Zones[0], next.X, next.Y));
                }

                await Client.PublishStateAsync(StateAt(sent++), CancellationToken.None);
                Interlocked.Increment(ref _statesSent);
                await Task.Delay(10);
            }

            await Client.PublishStateAsync(StateAt(sent), CancellationToken.None);
        }

        private State StateAt(int n) => ZoneTestKit.PointRobotState(Position, driving: !AtGoal, batteryPercent: 80 - (n % 2));
    }

    private sealed class Rig : IAsyncDisposable
    {
        public required MqttServer Broker { get; init; }

        public required Vda5050MasterClient Master { get; init; }

        public required ZoneRequestService Zones { get; init; }

        public required Robot A { get; init; }

        public required Robot B { get; init; }

        public required ZoneTestKit.WireTap Tap { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Zones.DisposeAsync();
            foreach (Robot r in new[] { A, B })
            {
                await r.Client.DisconnectAsync(CancellationToken.None);
                await r.Client.DisposeAsync();
            }

            await Master.DisconnectAsync(CancellationToken.None);
            await Master.DisposeAsync();
            Tap.Dispose();
            await Broker.StopAsync();
            Broker.Dispose();
        }
    }

    private static async Task<Rig> StartAsync()
    {
        int port = FleetTestRig.FreePort();
        MqttServer broker = await ZoneTestKit.StartBrokerAsync(port);
        var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", "fleet", "3.0.0"));
        var zones = new ZoneRequestService(master, new ReleaseArbiter(TimeProvider.System), "3.0.0");
        master.StateReceived += zones.OnState;
        Robot Make(string serial, (double, double) start, (double, double) goal) =>
            new(new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", port, "StrategicTech", serial, "3.0.0")), serial, start, goal);
        var rig = new Rig
        {
            Broker = broker, Master = master, Zones = zones, Tap = await ZoneTestKit.WireTap.StartAsync(port),
            A = Make("AMR-A", (-3, 0), (3, 0)), B = Make("AMR-B", (0, -3), (0, 3)),
        };
        await master.ConnectAsync(CancellationToken.None);
        foreach (Robot r in new[] { rig.A, rig.B })
        {
            r.Client.ResponsesReceived += m => m.Items.ForEach(i => r.Answers.Enqueue(i.GrantType));
            await r.Client.ConnectAsync(CancellationToken.None);
            await master.SendZoneSetAsync("StrategicTech", r.Serial, ZoneTestKit.DoorAround(0, 0), CancellationToken.None);
        }

        Assert.True(await ZoneTestKit.Until(() => rig.A.Client.ZoneSets.EnabledFor("hall") is not null && rig.B.Client.ZoneSets.EnabledFor("hall") is not null));
        return rig;
    }

    /// <summary>The answers with repeats in a row merged (a grant is sent again when the robot still shows its request unanswered).</summary>
    private static List<GrantType> Collapsed(IEnumerable<GrantType> answers)
    {
        var list = new List<GrantType>();
        foreach (GrantType g in answers)
        {
            if (list.Count == 0 || list[^1] != g)
            {
                list.Add(g);
            }
        }

        return list;
    }

    [Fact]
    public async Task Two_300_agvs_crossing_one_release_zone_are_never_both_inside_and_both_reach_their_goals()
    {
        await using Rig rig = await StartAsync();
        var occupancy = new ZoneTestKit.Occupancy();
        Task a = rig.A.DriveAsync(occupancy, leaveCentre: () => rig.B.Answers.Contains(GrantType.Queued));

        // B sets off once A dwells at the zone's centre, so B asks while A is inside.
        Assert.True(await ZoneTestKit.Until(() => rig.A.Position == (0.0, 0.0)));
        Task b = rig.B.DriveAsync(occupancy, leaveCentre: () => true);
        await Task.WhenAll(a, b);

        Assert.True(rig.A.AtGoal && rig.B.AtGoal, $"A at {rig.A.Position}, B at {rig.B.Position}");
        Assert.Equal(1, occupancy.MaxInside);
        Assert.Equal(["AMR-A", "AMR-B"], occupancy.Entries);
        Assert.Equal([GrantType.Queued, GrantType.Granted], Collapsed(rig.B.Answers)); // queued behind A, let in when A left
        Assert.Equal([GrantType.Granted], Collapsed(rig.A.Answers));
        Assert.Empty(rig.Zones.Arbiter.HoldersOf(ReleaseArbiter.ZoneKey("zs-1", "door"))); // both out: the zone is free
        Assert.Equal(0, rig.A.Client.RejectedCount + rig.B.Client.RejectedCount + rig.Master.RejectedCount);
        rig.Tap.AssertStrict300("zoneSet", "state", "responses", "connection");
    }

    [Fact]
    public async Task A_fleet_emergency_stop_revokes_the_zone_holder_which_halts_inside_and_nobody_enters_until_resume()
    {
        await using Rig rig = await StartAsync();
        var occupancy = new ZoneTestKit.Occupancy();
        Task a = rig.A.DriveAsync(occupancy, leaveCentre: () => rig.A.Answers.Contains(GrantType.Revoked));
        Assert.True(await ZoneTestKit.Until(() => rig.A.Position == (0.0, 0.0)));
        Task b = rig.B.DriveAsync(occupancy, leaveCentre: () => true);
        Assert.True(await ZoneTestKit.Until(() => rig.B.Answers.Contains(GrantType.Queued)));

        rig.Zones.EmergencyStop();
        Assert.True(await ZoneTestKit.Until(() => rig.A.Answers.Contains(GrantType.Revoked)));
        Assert.True(await ZoneTestKit.Until(() => rig.A.Answers.Contains(GrantType.Queued))); // A asked again while stopped: queued
        int statesBefore = rig.Tap.CountOf("AMR-A", "state");
        Assert.True(await ZoneTestKit.Until(() => rig.Tap.CountOf("AMR-A", "state") >= statesBefore + 20));
        Assert.Equal((0.0, 0.0), rig.A.Position); // STOP zone: A stays where the revoke caught it, in the zone, for 20 states
        Assert.DoesNotContain(GrantType.Granted, rig.B.Answers);

        rig.Zones.Resume();
        await Task.WhenAll(a, b);
        Assert.True(rig.A.AtGoal && rig.B.AtGoal, $"A at {rig.A.Position}, B at {rig.B.Position}");
        Assert.Equal(1, occupancy.MaxInside);
        Assert.Equal(["AMR-A", "AMR-B"], occupancy.Entries);
        Assert.Equal([GrantType.Granted, GrantType.Revoked, GrantType.Queued, GrantType.Granted], Collapsed(rig.A.Answers));
        Assert.Equal([GrantType.Queued, GrantType.Granted], Collapsed(rig.B.Answers));
        rig.Tap.AssertStrict300("zoneSet", "state", "responses", "connection");
    }

    [Fact]
    public async Task On_300_the_fleet_hosts_estop_endpoint_revokes_a_robots_zone_grant_and_its_resume_endpoint_gives_it_back()
    {
        await using var rig = FleetTestRig.Create(protocolVersion: "3.0.0");
        await rig.StartHostAsync();
        Assert.NotNull(rig.Host!.ZoneRequests);
        await using var master = new Vda5050MasterClient(new Vda5050ClientOptions("127.0.0.1", rig.BrokerPort, "StrategicTech", "zones", "3.0.0"));
        await master.ConnectAsync(CancellationToken.None);
        var robot = new Robot(
            new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", rig.BrokerPort, "StrategicTech", "AMR-Z", "3.0.0")), "AMR-Z", (3, 5), (7, 5), centre: (5, 5));
        await using (robot.Client)
        {
            robot.Client.ResponsesReceived += m => m.Items.ForEach(i => robot.Answers.Enqueue(i.GrantType));
            await robot.Client.ConnectAsync(CancellationToken.None);
            await master.SendZoneSetAsync("StrategicTech", "AMR-Z", ZoneTestKit.DoorAround(5, 5), CancellationToken.None);
            Assert.True(await ZoneTestKit.Until(() => robot.Client.ZoneSets.EnabledFor("hall") is not null));

            Task drive = robot.DriveAsync(new ZoneTestKit.Occupancy(), leaveCentre: () => robot.Answers.Contains(GrantType.Revoked));
            Assert.True(await ZoneTestKit.Until(() => robot.Position == (5.0, 5.0))); // granted by the host's zone service, dwelling inside
            Assert.Equal(System.Net.HttpStatusCode.OK, (await rig.Http.PostAsync(rig.Url("/robots/AMR-Z/estop"), null)).StatusCode);
            Assert.True(await ZoneTestKit.Until(() => robot.Answers.Contains(GrantType.Queued))); // revoked, asked again, queued while stopped
            int before = robot.StatesSent;
            Assert.True(await ZoneTestKit.Until(() => robot.StatesSent >= before + 20));
            Assert.Equal((5.0, 5.0), robot.Position); // STOP zone: held where the revoke caught it for 20 states

            Assert.Equal(System.Net.HttpStatusCode.OK, (await rig.Http.PostAsync(rig.Url("/robots/AMR-Z/resume"), null)).StatusCode);
            await drive;
            Assert.True(robot.AtGoal, $"at {robot.Position}");
            Assert.Equal([GrantType.Granted, GrantType.Revoked, GrantType.Queued, GrantType.Granted], Collapsed(robot.Answers));
            await robot.Client.DisconnectAsync(CancellationToken.None);
        }
    }
}
