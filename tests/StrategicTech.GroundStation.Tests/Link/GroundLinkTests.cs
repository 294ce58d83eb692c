using System.Diagnostics;
using System.Net;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;
using StrategicTech.Navigation.Time;

namespace StrategicTech.GroundStation.Tests.Link;

/// <summary>
/// The live link over UDP loopback against a scripted vehicle (a MAVLink node of the driver): telemetry reaches
/// the fleet through the queue, a silent vehicle shows as lost and comes back, and every command shows the
/// vehicle's answer — accepted, denied, or no answer at all (timed out).
/// </summary>
public sealed class GroundLinkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly UdpTransport _vehicleUdp = new(new IPEndPoint(IPAddress.Loopback, 0), null);
    private readonly MavlinkNode _vehicle;
    private readonly GroundLink _ground;
    private readonly Fleet _fleet = new();

    public GroundLinkTests()
    {
        _vehicle = new MavlinkNode(1, 1, new TransportFrameSink(_vehicleUdp), new WallClock());
        var commands = _vehicle.Add(new CommandServer(_vehicle));
        commands.Register(MavCmd.ComponentArmDisarm, (_, _) => CommandReply.Accepted);
        commands.Register(MavCmd.NavLand, (_, _) => CommandReply.Denied);

        _vehicleUdp.Start((_, _, bytes) => _vehicle.Receive(bytes));
        _ground = new GroundLink(MavlinkTransports.Open($"udpout://127.0.0.1:{_vehicleUdp.LocalEndPoint.Port}"));
        _ground.Start();
    }

    public void Dispose()
    {
        _ground.Dispose();
        _vehicleUdp.Dispose();
    }

    private void VehicleBeats()
    {
        _vehicle.Send(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4, BaseMode = MavModeFlag.CustomModeEnabled, CustomMode = (4u << 16) | (3u << 24), SystemStatus = MavState.Standby, MavlinkVersion = 3 });
        _vehicle.Send(new Attitude { Roll = 0.25f, Pitch = -0.05f, Yaw = 1 });
        _vehicle.Tick();
    }

    /// <summary>Drains the queue into the fleet (what the render loop does each frame) until <paramref name="done"/>.</summary>
    private bool PumpUntil(Func<bool> done, bool beat)
    {
        var wait = Stopwatch.StartNew();
        long nextBeat = 0;
        while (wait.Elapsed < Patience)
        {
            if (beat && wait.ElapsedMilliseconds >= nextBeat)
            {
                VehicleBeats();
                nextBeat = wait.ElapsedMilliseconds + 200;
            }

            _vehicle.Tick();
            while (_ground.Queue.TryTake(out TelemetrySample s))
            {
                _fleet.Apply(s);
            }

            _fleet.Update(_ground.Clock.TimeUs);
            if (done())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    [Fact]
    public void A_vehicle_heard_over_udp_appears_goes_lost_when_silent_and_recovers_by_itself()
    {
        // The vehicle answers only peers it has heard: the ground station's own heartbeat introduces it.
        Assert.True(PumpUntil(() => _fleet.Selected is { HasAttitude: true }, beat: true), "vehicle never appeared");
        VehicleState v = _fleet.Selected!;
        Assert.Equal(1, v.SystemId);
        Assert.Equal(0.25, v.RollRad, 6);
        Assert.Equal("HOLD", v.ModeName);

        Assert.True(PumpUntil(() => v.LinkLost, beat: false), "silence never showed as link loss");
        Assert.True(PumpUntil(() => !v.LinkLost, beat: true), "link never recovered");
        Assert.Equal(1, v.LinkRecoveries);
    }

    [Fact]
    public void Commands_show_accepted_denied_and_timed_out_as_the_vehicle_answers()
    {
        Assert.True(PumpUntil(() => _fleet.Selected is not null, beat: true), "vehicle never appeared");
        CommandOutcome arm = _ground.Send("ARM", 1, MavCmd.ComponentArmDisarm, 1);
        CommandOutcome land = _ground.Send("LAND", 1, MavCmd.NavLand);
        CommandOutcome rtl = _ground.Send("RTL", 1, MavCmd.NavReturnToLaunch);
        Assert.True(PumpUntil(() => arm.Snapshot.State != CommandState.Pending && land.Snapshot.State != CommandState.Pending && rtl.Snapshot.State != CommandState.Pending, beat: true),
            $"still pending: {arm.Describe()} / {land.Describe()} / {rtl.Describe()}");
        Assert.Equal(CommandState.Accepted, arm.Snapshot.State);
        Assert.Equal("LAND: DENIED (Denied)", land.Describe());

        // An unregistered command gets MAV_RESULT_UNSUPPORTED from the driver's server, a denial with its reason.
        Assert.Equal("RTL: DENIED (Unsupported)", rtl.Describe());
    }

    [Fact]
    public void A_command_to_a_system_that_never_answers_times_out()
    {
        Assert.True(PumpUntil(() => _fleet.Selected is not null, beat: true), "vehicle never appeared");
        CommandOutcome lost = _ground.Send("TAKEOFF", 42, MavCmd.NavTakeoff);
        Assert.True(PumpUntil(() => lost.Snapshot.State != CommandState.Pending, beat: true), "never completed");
        Assert.Equal("TAKEOFF: TIMED OUT (no COMMAND_ACK)", lost.Describe());
    }
}
