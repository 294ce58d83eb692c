using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class CommandTests
{
    private static CommandLong Arm(float param1 = 1) => new() { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = param1 };

    [Fact]
    public async Task CommandLongIsExecutedOnceAndAccepted()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        var seen = new List<CommandRequest>();
        server.Register(MavCmd.ComponentArmDisarm, (request, _) =>
        {
            seen.Add(request);
            return CommandReply.Accepted;
        });

        Task<MavResult> task = client.SendAsync(new CommandLong
        {
            TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1, Param2 = 21196, Param7 = float.NaN,
        });
        net.Pump();

        Assert.True(task.IsCompleted);
        Assert.Equal(MavResult.Accepted, await task);
        CommandRequest request = Assert.Single(seen);
        Assert.Equal(255, request.SourceSystem);
        Assert.Equal(190, request.SourceComponent);
        Assert.False(request.IsCommandInt);
        Assert.Equal(1f, request.Param1);
        Assert.Equal(21196f, request.Param2);
        Assert.True(float.IsNaN(request.Param7));
        Assert.Equal(1, client.Transmissions);
    }

    [Fact]
    public async Task CommandIntCarriesIntegerPositionExactly()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        CommandRequest received = default;
        server.Register(MavCmd.DoReposition, (request, _) =>
        {
            received = request;
            return CommandReply.Accepted;
        });

        Task<MavResult> task = client.SendAsync(new CommandInt
        {
            TargetSystem = 1, TargetComponent = 1, Command = MavCmd.DoReposition, Frame = MavFrame.GlobalRelativeAlt,
            X = 473_977_420, Y = 85_455_940, Z = 25.5f,
        });
        net.Pump();

        Assert.Equal(MavResult.Accepted, await task);
        Assert.True(received.IsCommandInt);
        Assert.Equal(MavFrame.GlobalRelativeAlt, received.Frame);
        Assert.Equal(473_977_420d, received.Param5);
        Assert.Equal(85_455_940d, received.Param6);
        Assert.Equal(25.5f, received.Param7);
    }

    [Fact]
    public async Task UnregisteredCommandIsUnsupportedAndOtherTargetsAreIgnored()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A, retries: 0));
        CommandServer server = net.B.Add(new CommandServer(net.B));

        Task<MavResult> unsupported = client.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.DoSetServo });
        Task<MavResult> elsewhere = client.SendAsync(Arm() with { TargetSystem = 2 });
        net.Run(1_100_000);

        Assert.Equal(MavResult.Unsupported, await unsupported);
        await Assert.ThrowsAsync<TimeoutException>(() => elsewhere);
        Assert.Equal(0, server.Executed);
    }

    [Fact]
    public async Task LostCommandIsRetransmittedAfterOneSecond()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        server.Register(MavCmd.ComponentArmDisarm, static (_, _) => CommandReply.Accepted);
        int dropped = 0;
        net.DropFilter = (toB, frame) => toB && LossyNetwork.MessageIdOf(frame) == CommandLong.MsgId && dropped++ == 0;

        Task<MavResult> task = client.SendAsync(Arm());
        net.Run(990_000);
        Assert.False(task.IsCompleted);
        net.Run(20_000);

        Assert.Equal(MavResult.Accepted, await task);
        Assert.Equal(2, client.Transmissions);
        Assert.Equal(1, server.Executed);
    }

    [Fact]
    public async Task LostAckIsAnsweredAgainWithoutExecutingTwice()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        int executions = 0;
        server.Register(MavCmd.ComponentArmDisarm, (_, _) =>
        {
            executions++;
            return CommandReply.Accepted;
        });
        int dropped = 0;
        net.DropFilter = (toB, frame) => !toB && LossyNetwork.MessageIdOf(frame) == CommandAck.MsgId && dropped++ < 2;

        Task<MavResult> task = client.SendAsync(Arm());
        Assert.True(net.RunUntil(() => task.IsCompleted, 5_000_000));

        Assert.Equal(MavResult.Accepted, await task);
        Assert.Equal(3, client.Transmissions);
        Assert.Equal(1, executions);
        Assert.Equal(2, server.Duplicates);
    }

    [Fact]
    public async Task RetriesExhaustedGiveAClearTimeout()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        server.Register(MavCmd.ComponentArmDisarm, static (_, _) => CommandReply.Accepted);
        net.DropFilter = static (toB, _) => !toB;

        Task<MavResult> task = client.SendAsync(Arm());
        net.Run(3_990_000);
        Assert.False(task.IsCompleted);
        net.Run(20_000);

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => task);
        Assert.Contains("COMMAND_LONG ComponentArmDisarm (400) to 1/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 transmissions", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, client.Transmissions);
        Assert.Equal(1, server.Executed);
        Assert.Equal(3, server.Duplicates);
    }

    [Fact]
    public async Task InProgressReportsProgressAndOutlastsTheRetryTimeout()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        var calibration = new SlowCommand(durationUs: 2_500_000);
        server.Register(MavCmd.PreflightCalibration, calibration);
        var progress = new RecordingProgress();

        Task<MavResult> task = client.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.PreflightCalibration, Param1 = 1 }, progress);
        Assert.True(net.RunUntil(() => task.IsCompleted, 10_000_000));

        Assert.Equal(MavResult.Accepted, await task);
        Assert.Equal(1, client.Transmissions);
        Assert.Equal([0, 20, 40, 60, 80], progress.Values);
        Assert.InRange(net.Clock.TimeUs, 2_500_000, 2_520_000);
    }

    [Fact]
    public async Task SilentInProgressCommandTimesOut()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        server.Register(MavCmd.PreflightCalibration, new SlowCommand(durationUs: 60_000_000));
        net.Run(10_000);
        int acks = 0;
        net.DropFilter = (toB, frame) => !toB && LossyNetwork.MessageIdOf(frame) == CommandAck.MsgId && acks++ > 0;

        Task<MavResult> task = client.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.PreflightCalibration });
        Assert.True(net.RunUntil(() => task.IsCompleted, 10_000_000));

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => task);
        Assert.Contains("no progress report for 3000 ms", error.Message, StringComparison.Ordinal);
        Assert.InRange(net.Clock.TimeUs, 3_010_000, 3_030_000);
    }

    [Fact]
    public async Task CancelSendsCommandCancelAndStopsTheHandler()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        CommandServer server = net.B.Add(new CommandServer(net.B));
        var calibration = new SlowCommand(durationUs: 10_000_000);
        server.Register(MavCmd.PreflightCalibration, calibration);
        var acks = new List<MavResult>();
        net.A.Add(new AckRecorder(acks));
        using var cts = new CancellationTokenSource();

        Task<MavResult> task = client.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.PreflightCalibration }, cancellationToken: cts.Token);
        net.Run(500_000);
        cts.Cancel();
        net.Run(100_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(calibration.Cancelled);
        Assert.Equal(MavResult.Cancelled, acks[^1]);
        net.Run(1_000_000);
        Assert.Equal(MavResult.Cancelled, acks[^1]);
    }

    [Fact]
    public async Task SecondCommandWithSameIdToSameTargetIsRefused()
    {
        var net = new LossyNetwork();
        CommandClient client = net.A.Add(new CommandClient(net.A));
        Task<MavResult> first = client.SendAsync(Arm());
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Arm(0)));
        Assert.False(first.IsCompleted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task UnderLossDuplicationAndReorderingEachCommandRunsExactlyOnce(int seed)
    {
        var net = new LossyNetwork(seed, dropProbability: 0.3, duplicateProbability: 0.2, reorderProbability: 0.3);
        CommandClient client = net.A.Add(new CommandClient(net.A, retries: 10));
        // The duplicate window must cover every retransmission: 11 transmissions at 1 s.
        CommandServer server = net.B.Add(new CommandServer(net.B, duplicateWindowUs: 12_000_000));
        var executedValues = new List<float>();
        server.Register(MavCmd.DoSetServo, (request, _) =>
        {
            executedValues.Add(request.Param2);
            return CommandReply.Accepted;
        });

        for (int i = 0; i < 40; i++)
        {
            Task<MavResult> task = client.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.DoSetServo, Param1 = 1, Param2 = 1000 + i });
            Assert.True(net.RunUntil(() => task.IsCompleted, 20_000_000));
            Assert.Equal(MavResult.Accepted, await task);
        }

        Assert.Equal(Enumerable.Range(1000, 40).Select(static v => (float)v), executedValues);
        Assert.True(net.FramesDropped > 10, $"only {net.FramesDropped} frames dropped");
    }

    [Fact]
    public void ServerReceivePathAllocatesNothing()
    {
        var clock = new StrategicTech.Navigation.Time.ManualClock();
        var node = new MavlinkNode(1, 1, new CountingSink(), clock);
        CommandServer server = node.Add(new CommandServer(node));
        server.Register(MavCmd.ComponentArmDisarm, static (_, _) => CommandReply.Accepted);
        var writer = new MavlinkFrameWriter(255, 190);
        byte[] frame = new byte[64];
        float value = 0;
        TestSupport.Allocations.AssertZero(() =>
        {
            clock.AdvanceUs(10_000_000);
            int length = writer.WriteV2(Arm(value++), frame);
            node.Receive(frame.AsSpan(0, length));
            node.Tick();
        });
        Assert.True(server.Executed > 1000);
    }

    private sealed class SlowCommand(long durationUs) : ICommandHandler
    {
        private long _startUs;

        public bool Cancelled { get; private set; }

        public CommandReply Execute(in CommandRequest request, long nowUs)
        {
            _startUs = nowUs;
            return CommandReply.InProgress(0);
        }

        public CommandReply Poll(in CommandRequest request, long nowUs)
        {
            long elapsedUs = nowUs - _startUs;
            return elapsedUs >= durationUs ? CommandReply.Accepted : CommandReply.InProgress((byte)(elapsedUs * 5 / durationUs * 20));
        }

        public bool Cancel(in CommandRequest request, long nowUs)
        {
            Cancelled = true;
            return true;
        }
    }

    private sealed class RecordingProgress : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }

    private sealed class AckRecorder(List<MavResult> acks) : IMavlinkService
    {
        public void OnFrame(MavlinkFrame frame, long nowUs)
        {
            if (frame.TryDecode(out CommandAck ack))
            {
                acks.Add(ack.Result);
            }
        }

        public void Tick(long nowUs)
        {
        }
    }

    private sealed class CountingSink : IMavlinkFrameSink
    {
        public int Frames { get; private set; }

        public bool Send(ReadOnlySpan<byte> frame)
        {
            Frames++;
            return true;
        }
    }
}
