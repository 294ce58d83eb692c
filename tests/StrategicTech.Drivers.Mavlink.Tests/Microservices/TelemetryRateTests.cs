using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Capabilities.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class TelemetryRateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class Vehicle
    {
        public Vehicle(LossyNetwork net, bool positionAvailable = true)
        {
            Server = net.B.Add(new CommandServer(net.B));
            Scheduler = net.B.Add(new TelemetryScheduler(net.B));
            Scheduler.RegisterOn(Server);
            Scheduler.Register(50_000, (long nowUs, out Attitude m) =>
            {
                m = new Attitude { TimeBootMs = (uint)(nowUs / 1000), Roll = 0.25f };
                return true;
            });
            Scheduler.Register(0, (long nowUs, out GlobalPositionInt m) =>
            {
                m = new GlobalPositionInt { TimeBootMs = (uint)(nowUs / 1000), Lat = 473_977_420, Lon = 85_455_940, RelativeAlt = 12_500 };
                return PositionAvailable;
            });
            PositionAvailable = positionAvailable;
        }

        public CommandServer Server { get; }

        public TelemetryScheduler Scheduler { get; }

        public bool PositionAvailable { get; set; }
    }

    private static (LossyNetwork Net, Vehicle Vehicle, MessageIntervalClient Client, FrameRecorder Ground) Setup()
    {
        var net = new LossyNetwork();
        var vehicle = new Vehicle(net);
        CommandClient commands = net.A.Add(new CommandClient(net.A));
        MessageIntervalClient client = net.A.Add(new MessageIntervalClient(net.A, commands));
        FrameRecorder ground = net.A.Add(new FrameRecorder());
        return (net, vehicle, client, ground);
    }

    [Fact]
    public void Default_rates_stream_and_on_request_streams_stay_silent()
    {
        (LossyNetwork net, _, _, FrameRecorder ground) = Setup();

        net.Run(1_000_000);

        // Ticks every 10 ms from t = 10 ms: due at 10, 60, …, 960 ms.
        Assert.Equal(20, ground.Count(Attitude.MsgId));
        Assert.Equal(0, ground.Count(GlobalPositionInt.MsgId));
        List<long> times = ground.TimesOf(Attitude.MsgId);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(50_000, pair.Second - pair.First));
        Assert.All(ground.Decoded<Attitude>(), a => Assert.Equal(0.25f, a.Roll));
    }

    [Fact]
    public async Task Set_interval_enables_changes_disables_and_restores_default()
    {
        (LossyNetwork net, Vehicle vehicle, MessageIntervalClient client, FrameRecorder ground) = Setup();

        Task<MavResult> enable = client.SetMessageIntervalAsync(1, 1, GlobalPositionInt.MsgId, 100_000);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await enable.WaitAsync(Wait));
        net.Run(1_000_000);
        // Due at once (10 ms tick), then every 100 ms up to 1000 ms.
        Assert.Equal(11, ground.Count(GlobalPositionInt.MsgId));
        GlobalPositionInt position = ground.Decoded<GlobalPositionInt>()[0];
        Assert.Equal(473_977_420, position.Lat);
        Assert.Equal(12_500, position.RelativeAlt);

        Task<MavResult> fast = client.SetMessageRateAsync(1, 1, Attitude.MsgId, 50);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await fast.WaitAsync(Wait));
        Task<MavResult> disable = client.SetMessageIntervalAsync(1, 1, GlobalPositionInt.MsgId, -1);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await disable.WaitAsync(Wait));
        Assert.True(vehicle.Scheduler.TryGetStream(Attitude.MsgId, out TelemetryStream? attitude));
        Assert.Equal(20_000, attitude.IntervalUs);
        ground.Frames.Clear();
        net.Run(1_000_000);
        List<long> times = ground.TimesOf(Attitude.MsgId);
        Assert.Equal(51, times.Count); // at once, then every 20 ms to the end of the second
        Assert.All(times.Skip(1).Zip(times.Skip(2)), pair => Assert.Equal(20_000, pair.Second - pair.First));
        Assert.Equal(0, ground.Count(GlobalPositionInt.MsgId));

        Task<MavResult> restore = client.SetMessageIntervalAsync(1, 1, Attitude.MsgId, 0);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await restore.WaitAsync(Wait));
        Assert.Equal(50_000, attitude.IntervalUs);
        ground.Frames.Clear();
        net.Run(1_000_000);
        Assert.Equal(21, ground.Count(Attitude.MsgId));
    }

    [Fact]
    public async Task Concurrent_requests_queue_instead_of_colliding_on_the_command_id()
    {
        (LossyNetwork net, Vehicle vehicle, MessageIntervalClient client, _) = Setup();

        Task<MavResult> first = client.SetMessageIntervalAsync(1, 1, Attitude.MsgId, 200_000);
        Task<MavResult> second = client.SetMessageIntervalAsync(1, 1, GlobalPositionInt.MsgId, 250_000);
        // The second command goes out when the first one's ACK has been processed (on the thread pool).
        for (int i = 0; i < 5_000 && !(first.IsCompleted && second.IsCompleted); i++)
        {
            net.Pump();
            await Task.Delay(1);
        }

        Assert.Equal(MavResult.Accepted, await first.WaitAsync(Wait));
        Assert.Equal(MavResult.Accepted, await second.WaitAsync(Wait));
        Assert.True(vehicle.Scheduler.TryGetStream(Attitude.MsgId, out TelemetryStream? attitude));
        Assert.True(vehicle.Scheduler.TryGetStream(GlobalPositionInt.MsgId, out TelemetryStream? position));
        Assert.Equal((200_000, 250_000), (attitude.IntervalUs, position.IntervalUs));
    }

    [Fact]
    public async Task Unknown_ids_and_invalid_intervals_are_denied_and_fast_rates_are_clamped()
    {
        (LossyNetwork net, Vehicle vehicle, MessageIntervalClient client, _) = Setup();

        Task<MavResult> unknown = client.SetMessageIntervalAsync(1, 1, HighresImu.MsgId, 10_000);
        net.Pump();
        Assert.Equal(MavResult.Denied, await unknown.WaitAsync(Wait));
        Task<MavResult> tooFast = client.SetMessageIntervalAsync(1, 1, Attitude.MsgId, 10);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await tooFast.WaitAsync(Wait));
        Assert.True(vehicle.Scheduler.TryGetStream(Attitude.MsgId, out TelemetryStream? attitude));
        Assert.Equal(vehicle.Scheduler.MinIntervalUs, attitude.IntervalUs);

        // A raw command with an interval below −1 and one with a fractional id.
        CommandClient raw = new(net.A);
        net.A.Add(raw);
        Task<MavResult> negative = raw.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.SetMessageInterval, Param1 = Attitude.MsgId, Param2 = -5 });
        Task<MavResult> fractional = raw.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.RequestMessage, Param1 = 30.5f });
        net.Pump();
        Assert.Equal(MavResult.Denied, await negative.WaitAsync(Wait));
        Assert.Equal(MavResult.Denied, await fractional.WaitAsync(Wait));
        Assert.Equal(1, vehicle.Scheduler.UnknownRequests);
        Assert.Equal(2, vehicle.Scheduler.InvalidRequests);
    }

    [Fact]
    public async Task Get_interval_reports_current_disabled_and_unavailable()
    {
        (LossyNetwork net, _, MessageIntervalClient client, _) = Setup();

        Task<long> attitude = client.GetMessageIntervalAsync(1, 1, Attitude.MsgId);
        net.Pump();
        Assert.Equal(50_000, await attitude.WaitAsync(Wait));

        Task<long> position = client.GetMessageIntervalAsync(1, 1, GlobalPositionInt.MsgId);
        net.Pump();
        Assert.Equal(-1, await position.WaitAsync(Wait));

        Task<long> unknown = client.GetMessageIntervalAsync(1, 1, HighresImu.MsgId);
        net.Pump();
        Assert.Equal(0, await unknown.WaitAsync(Wait));
    }

    [Fact]
    public async Task Get_interval_times_out_on_the_clock_when_the_reply_is_lost()
    {
        (LossyNetwork net, _, MessageIntervalClient client, _) = Setup();
        net.DropFilter = (toB, frame) => !toB && LossyNetwork.MessageIdOf(frame) == MessageInterval.MsgId;

        Task<long> task = client.GetMessageIntervalAsync(1, 1, Attitude.MsgId);
        net.Run(990_000);
        Assert.False(task.IsCompleted);
        net.Run(20_000);

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => task.WaitAsync(Wait));
        Assert.Contains("MESSAGE_INTERVAL for message 30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_message_sends_exactly_one_instance()
    {
        (LossyNetwork net, Vehicle vehicle, MessageIntervalClient client, FrameRecorder ground) = Setup();
        vehicle.Scheduler.TrySetIntervalUs(Attitude.MsgId, -1, 0);

        Task<MavResult> once = client.RequestMessageAsync(1, 1, GlobalPositionInt.MsgId);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await once.WaitAsync(Wait));
        net.Run(500_000);
        Assert.Equal(85_455_940, Assert.Single(ground.Decoded<GlobalPositionInt>()).Lon);

        Task<MavResult> interval = client.RequestMessageAsync(1, 1, MessageInterval.MsgId, param2: GlobalPositionInt.MsgId);
        net.Pump();
        Assert.Equal(MavResult.Accepted, await interval.WaitAsync(Wait));
        MessageInterval reported = Assert.Single(ground.Decoded<MessageInterval>());
        Assert.Equal(GlobalPositionInt.MsgId, reported.MessageId);
        Assert.Equal(-1, reported.IntervalUs);

        vehicle.PositionAvailable = false;
        Task<MavResult> unavailable = client.RequestMessageAsync(1, 1, GlobalPositionInt.MsgId);
        net.Pump();
        Assert.Equal(MavResult.TemporarilyRejected, await unavailable.WaitAsync(Wait));
        Task<MavResult> unknown = client.RequestMessageAsync(1, 1, HighresImu.MsgId);
        net.Pump();
        Assert.Equal(MavResult.Denied, await unknown.WaitAsync(Wait));
        Assert.Single(ground.Decoded<GlobalPositionInt>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Autopilot_version_and_streams_share_request_message_in_either_registration_order(bool versionFirst)
    {
        var net = new LossyNetwork();
        CommandServer server = net.B.Add(new CommandServer(net.B));
        var version = new AutopilotVersionResponder(net.B, new AutopilotVersion { FlightSwVersion = 0x01020300 });
        TelemetryScheduler scheduler = net.B.Add(new TelemetryScheduler(net.B));
        scheduler.Register(0, (long _, out Attitude m) =>
        {
            m = new Attitude { Yaw = 1.5f };
            return true;
        });
        if (versionFirst)
        {
            version.RegisterOn(server);
            scheduler.RegisterOn(server);
        }
        else
        {
            scheduler.RegisterOn(server);
            version.RegisterOn(server);
        }

        CommandClient commands = net.A.Add(new CommandClient(net.A));
        var client = net.A.Add(new MessageIntervalClient(net.A, commands));
        FrameRecorder ground = net.A.Add(new FrameRecorder());
        Assert.Equal(MavResult.Accepted, await Request(AutopilotVersion.MsgId));
        Assert.Equal(MavResult.Accepted, await Request(Attitude.MsgId));
        Assert.Equal(MavResult.Denied, await Request(HighresImu.MsgId));
        Assert.Equal(0x01020300u, Assert.Single(ground.Decoded<AutopilotVersion>()).FlightSwVersion);
        Assert.Equal(1.5f, Assert.Single(ground.Decoded<Attitude>()).Yaw);

        Task<MavResult> Request(uint id)
        {
            Task<MavResult> task = client.RequestMessageAsync(1, 1, id);
            net.Pump();
            return task.WaitAsync(Wait);
        }
    }

    /// <summary>
    /// Whatever the tick period: each gap between sends is the interval give or take less than one tick, the sends
    /// keep the interval's cadence on average (no drift from late ticks, no catch-up bursts), and a stream faster
    /// than the ticks goes out on every tick.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public void Emission_keeps_the_cadence_within_one_tick(FsCheck.PositiveInt intervalSeed, FsCheck.PositiveInt stepSeed)
    {
        long intervalUs = 1_000 + (intervalSeed.Get % 200_000);
        long stepUs = 100 + (stepSeed.Get % 30_000);
        var clock = new ManualClock();
        var node = new MavlinkNode(1, 1, new CountingSink(), clock);
        var scheduler = node.Add(new TelemetryScheduler(node));
        var times = new List<long>();
        scheduler.Register(intervalUs, (long nowUs, out Attitude m) =>
        {
            times.Add(nowUs);
            m = default;
            return true;
        });

        while (clock.TimeUs < 3_000_000)
        {
            clock.AdvanceUs(stepUs);
            node.Tick();
        }

        long ticks = (3_000_000 + stepUs - 1) / stepUs;
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, intervalUs - stepUs + 1, intervalUs + stepUs));
        if (intervalUs >= stepUs)
        {
            Assert.True(Math.Abs(times[^1] - times[0] - ((times.Count - 1) * intervalUs)) < stepUs, $"{times.Count} sends from {times[0]} to {times[^1]} µs");
        }
        else
        {
            Assert.Equal(ticks, times.Count);
        }
    }

    [Fact]
    public void Emitting_streams_allocates_nothing()
    {
        var clock = new ManualClock();
        var sink = new CountingSink();
        var node = new MavlinkNode(1, 1, sink, clock);
        var scheduler = node.Add(new TelemetryScheduler(node));
        scheduler.Register(10_000, (long nowUs, out Attitude m) =>
        {
            m = new Attitude { TimeBootMs = (uint)(nowUs / 1000), Roll = 0.1f };
            return true;
        });
        scheduler.Register(20_000, (long nowUs, out GlobalPositionInt m) =>
        {
            m = new GlobalPositionInt { TimeBootMs = (uint)(nowUs / 1000), Lat = 1 };
            return true;
        });

        Allocations.AssertZero(
            () =>
            {
                clock.AdvanceUs(10_000);
                node.Tick();
            },
            iterations: 1000);
        Assert.True(sink.Frames >= 1500, $"{sink.Frames} frames");
    }

    private sealed class CountingSink : IMavlinkFrameSink
    {
        public long Frames { get; private set; }

        public bool Send(ReadOnlySpan<byte> frame)
        {
            Frames++;
            return true;
        }
    }
}
