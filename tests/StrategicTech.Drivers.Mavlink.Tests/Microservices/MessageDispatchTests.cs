using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class MessageDispatchTests
{
    private static byte[] Frames(int count)
    {
        var writer = new MavlinkFrameWriter(7, 3);
        var bytes = new List<byte>();
        var buffer = new byte[300];
        for (int i = 0; i < count; i++)
        {
            int n = writer.WriteV2(new Attitude { TimeBootMs = (uint)i, Roll = i * 0.5f }, buffer);
            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
            n = writer.WriteV2(new GlobalPositionInt { TimeBootMs = (uint)i, Lat = 10 + i }, buffer);
            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
            n = writer.WriteV2(new SysStatus { VoltageBattery = 12_000 }, buffer); // nobody subscribes
            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return [.. bytes];
    }

    private static MavlinkNode Node(ManualClock clock) => new(1, 1, new NullSink(), clock);

    /// <summary>A struct handler: its state lives behind a reference, the struct itself is never boxed.</summary>
    private readonly struct PositionSum(long[] total) : IMessageHandler<GlobalPositionInt>
    {
        public void Handle(in GlobalPositionInt message, in MavlinkFrameHeader header) => total[0] += message.Lat;
    }

    [Fact]
    public void Delegate_and_struct_handlers_get_decoded_messages_with_their_header()
    {
        var clock = new ManualClock(5_000);
        MavlinkNode node = Node(clock);
        var attitudes = new List<(Attitude Message, MavlinkFrameHeader Header)>();
        long[] latSum = [0];
        node.Subscribe((in Attitude a, in MavlinkFrameHeader h) => attitudes.Add((a, h)));
        node.Subscribe<GlobalPositionInt, PositionSum>(new PositionSum(latSum));

        node.Receive(Frames(3));

        Assert.Equal(3, attitudes.Count);
        Assert.Equal([0f, 0.5f, 1f], attitudes.Select(x => x.Message.Roll));
        MavlinkFrameHeader header = attitudes[1].Header;
        Assert.Equal(7, header.SystemId);
        Assert.Equal(3, header.ComponentId);
        Assert.Equal(3, header.Sequence); // frames 0,1,2 were the first triple
        Assert.Equal(Attitude.MsgId, header.MessageId);
        Assert.Equal(2, header.Version);
        Assert.Equal(5_000, header.ReceivedUs);
        Assert.Equal(10 + 11 + 12, latSum[0]);
        Assert.Equal(6, node.Messages.Dispatched);
        Assert.False(node.Messages.HasSubscribers(SysStatus.MsgId));
    }

    [Fact]
    public void Disposing_unsubscribes_only_that_handler_and_large_ids_dispatch_too()
    {
        var dispatcher = new MavlinkMessageDispatcher();
        int first = 0, second = 0, hygro = 0;
        IDisposable a = dispatcher.Subscribe((in Attitude _, in MavlinkFrameHeader _) => first++);
        using IDisposable b = dispatcher.Subscribe((in Attitude _, in MavlinkFrameHeader _) => second++);
        using IDisposable c = dispatcher.Subscribe((in HygrometerSensor m, in MavlinkFrameHeader _) => hygro += m.Humidity);
        var parser = new MavlinkParser(CommonDialect.Instance);
        var buffer = new byte[300];
        var writer = new MavlinkFrameWriter(2, 1);

        void Feed<T>(T message)
            where T : struct, IMavlinkMessage<T>
        {
            ReadOnlySpan<byte> input = buffer.AsSpan(0, writer.WriteV2(message, buffer));
            Assert.True(parser.TryRead(ref input, out MavlinkFrame frame));
            dispatcher.Dispatch(frame, 0);
        }

        Feed(new Attitude());
        a.Dispose();
        a.Dispose();
        Feed(new Attitude());
        Feed(new HygrometerSensor { Humidity = 4321 });

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.Equal(4321, hygro);
        Assert.True(HygrometerSensor.MsgId >= 1024);
    }

    [Fact]
    public void A_throwing_handler_is_counted_and_the_others_still_run()
    {
        MavlinkNode node = Node(new ManualClock());
        int calls = 0;
        node.Subscribe((in Attitude _, in MavlinkFrameHeader _) => throw new InvalidOperationException("bad handler"));
        node.Subscribe((in Attitude _, in MavlinkFrameHeader _) => calls++);
        FrameRecorder services = node.Add(new FrameRecorder());

        node.Receive(Frames(2));

        Assert.Equal(2, calls);
        Assert.Equal(2, node.Messages.HandlerErrors);
        Assert.Equal(6, services.Frames.Count);
    }

    [Fact]
    public void Observe_publishes_messages_for_uis()
    {
        MavlinkNode node = Node(new ManualClock(77));
        var seen = new List<ReceivedMessage<GlobalPositionInt>>();
        using (node.Observe<GlobalPositionInt>().Subscribe(seen.Add))
        {
            node.Receive(Frames(2));
        }

        node.Receive(Frames(1));
        Assert.Equal([10, 11], seen.Select(s => s.Message.Lat));
        Assert.All(seen, s => Assert.Equal(77, s.Header.ReceivedUs));
        Assert.False(node.Messages.HasSubscribers(GlobalPositionInt.MsgId));
    }

    [Fact]
    public void Receiving_and_dispatching_allocates_nothing()
    {
        MavlinkNode node = Node(new ManualClock());
        double rollSum = 0;
        long[] latSum = [0];
        node.Subscribe((in Attitude a, in MavlinkFrameHeader _) => rollSum += a.Roll);
        node.Subscribe<GlobalPositionInt, PositionSum>(new PositionSum(latSum));
        byte[] stream = Frames(100);

        long calls = Allocations.AssertZero(() => node.Receive(stream), iterations: 100);

        Assert.Equal((calls * 100 * 10) + (calls * 4950), latSum[0]);
        Assert.Equal(calls * 0.5 * 4950, rollSum);
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
