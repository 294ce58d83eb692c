using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;
using Xunit.Abstractions;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class MissionTests(ITestOutputHelper output)
{
    private static MissionPlanItem[] Waypoints(int count, int salt) =>
        [.. Enumerable.Range(0, count).Select(i => new MissionPlanItem(MavFrame.GlobalRelativeAltInt, MavCmd.NavWaypoint, i == 0, true,
            0, 2, 0, float.NaN, 473_977_420 + (i * 1000) + salt, 85_455_940 - (i * 500), 20 + i))];

    private static (LossyNetwork Net, MissionClient Client, MissionServer Server) Setup(int seed = 1, double drop = 0, double duplicate = 0, double reorder = 0, int retries = 5)
    {
        var net = new LossyNetwork(seed, drop, duplicate, reorder);
        MissionClient client = net.A.Add(new MissionClient(net.A, 1, 1, retries: retries));
        MissionServer server = net.B.Add(new MissionServer(net.B, capacity: 100));
        return (net, client, server);
    }

    [Fact]
    public async Task UploadThenDownloadGivesTheSameItems()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        MissionPlanItem[] mission = Waypoints(12, 0);
        Task upload = client.UploadAsync(MavMissionType.Mission, mission);
        Assert.True(net.RunUntil(() => upload.IsCompleted, 5_000_000));
        await upload;
        Assert.Equal(mission, server.Items(MavMissionType.Mission).ToArray());
        Assert.Equal(1, server.UploadsApplied);

        Task<IReadOnlyList<MissionPlanItem>> download = client.DownloadAsync(MavMissionType.Mission);
        Assert.True(net.RunUntil(() => download.IsCompleted, 5_000_000));
        Assert.Equal(mission, await download);
        Assert.True(float.IsNaN((await download)[3].Param4));
    }

    [Fact]
    public async Task FenceRallyAndMissionAreSeparateAndClearedIndependently()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        MissionPlanItem[] mission = Waypoints(4, 0);
        MissionPlanItem[] fence = [.. Waypoints(3, 7).Select(static i => i with { Command = MavCmd.NavFencePolygonVertexInclusion, Param1 = 3 })];
        MissionPlanItem[] rally = [.. Waypoints(2, 9).Select(static i => i with { Command = MavCmd.NavRallyPoint })];
        foreach ((MavMissionType type, MissionPlanItem[] items) in new[] { (MavMissionType.Mission, mission), (MavMissionType.Fence, fence), (MavMissionType.Rally, rally) })
        {
            Task upload = client.UploadAsync(type, items);
            Assert.True(net.RunUntil(() => upload.IsCompleted, 5_000_000));
            await upload;
        }

        Assert.Equal(fence, server.Items(MavMissionType.Fence).ToArray());
        Assert.Equal(rally, server.Items(MavMissionType.Rally).ToArray());

        Task clear = client.ClearAsync(MavMissionType.Fence);
        Assert.True(net.RunUntil(() => clear.IsCompleted, 5_000_000));
        await clear;
        Assert.Equal(0, server.Items(MavMissionType.Fence).Length);
        Assert.Equal(mission, server.Items(MavMissionType.Mission).ToArray());

        Task<IReadOnlyList<MissionPlanItem>> download = client.DownloadAsync(MavMissionType.Fence);
        Assert.True(net.RunUntil(() => download.IsCompleted, 5_000_000));
        Assert.Empty(await download);
    }

    [Fact]
    public async Task ValidatorSeesTheCompleteListBeforeTheAckAndItsRefusalIsTheAck()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        MissionPlanItem[] old = Waypoints(5, 1);
        server.Load(MavMissionType.Mission, old);
        var seen = new List<int>();
        server.Validator = (type, items) =>
        {
            seen.Add(items.Length);
            return items.Length == 7 ? MavMissionResult.MavMissionInvalidSequence : MavMissionResult.MavMissionAccepted;
        };

        Task refused = client.UploadAsync(MavMissionType.Mission, Waypoints(7, 0));
        Assert.True(net.RunUntil(() => refused.IsCompleted, 5_000_000));
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Contains("refused with MavMissionInvalidSequence", error.Message, StringComparison.Ordinal);
        Assert.Equal(old, server.Items(MavMissionType.Mission).ToArray());
        Assert.Equal(1, server.UploadsRefused);
        Assert.Equal(0, server.UploadsApplied);

        MissionPlanItem[] accepted = Waypoints(6, 0);
        Task upload = client.UploadAsync(MavMissionType.Mission, accepted);
        Assert.True(net.RunUntil(() => upload.IsCompleted, 5_000_000));
        await upload;
        Assert.Equal(accepted, server.Items(MavMissionType.Mission).ToArray());
        Assert.Equal([7, 6], seen);
        Assert.Equal(1, server.UploadsApplied);
    }

    [Fact]
    public async Task TooManyItemsAreRefusedAndTheOldMissionStays()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        MissionPlanItem[] old = Waypoints(5, 1);
        server.Load(MavMissionType.Mission, old);
        Task upload = client.UploadAsync(MavMissionType.Mission, Waypoints(101, 0));
        Assert.True(net.RunUntil(() => upload.IsCompleted, 5_000_000));

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => upload);
        Assert.Contains("mission upload (Mission, 101 items) to 1/1: refused with MavMissionNoSpace", error.Message, StringComparison.Ordinal);
        Assert.Equal(old, server.Items(MavMissionType.Mission).ToArray());
    }

    [Fact]
    public async Task LinkCutMidUploadTimesOutAndNeverAppliesHalfAMission()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        MissionPlanItem[] old = Waypoints(5, 1);
        server.Load(MavMissionType.Mission, old);
        int items = 0;
        net.DropFilter = (toB, frame) => toB && LossyNetwork.MessageIdOf(frame) == MissionItemInt.MsgId && items++ >= 6;
        Task upload = client.UploadAsync(MavMissionType.Mission, Waypoints(20, 0));
        Assert.True(net.RunUntil(() => upload.IsCompleted && !server.Receiving, 30_000_000));

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => upload);
        Assert.Contains("mission upload (Mission, 20 items) to 1/1: no answer for 1000 ms at item 6 after 5 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(old, server.Items(MavMissionType.Mission).ToArray());
        Assert.Equal(1, server.UploadsFailed);
        Assert.Equal(0, server.UploadsApplied);
    }

    [Fact]
    public async Task LostFinalAckIsRepeatedWhenTheLastItemComesAgain()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        int acks = 0;
        net.DropFilter = (toB, frame) => !toB && LossyNetwork.MessageIdOf(frame) == MissionAck.MsgId && acks++ == 0;
        MissionPlanItem[] mission = Waypoints(3, 0);
        Task upload = client.UploadAsync(MavMissionType.Mission, mission);
        Assert.True(net.RunUntil(() => upload.IsCompleted, 5_000_000));
        await upload;
        Assert.Equal(mission, server.Items(MavMissionType.Mission).ToArray());
        Assert.InRange(net.Clock.TimeUs, 1_000_000, 1_020_000);
    }

    [Fact]
    public async Task HundredSeededLossyRunsEndWithTheNewMissionOrAClearTimeoutAndTheOldOne()
    {
        int succeeded = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            (LossyNetwork net, MissionClient client, MissionServer server) = Setup(seed, drop: 0.3, duplicate: 0.1, reorder: 0.3);
            MissionPlanItem[] old = Waypoints(5, 1);
            MissionPlanItem[] mission = Waypoints(20, seed);
            server.Load(MavMissionType.Mission, old);
            Task upload = client.UploadAsync(MavMissionType.Mission, mission);
            Assert.True(net.RunUntil(() => upload.IsCompleted && !server.Receiving, 120_000_000), $"seed {seed}: did not finish");
            MissionPlanItem[] onVehicle = server.Items(MavMissionType.Mission).ToArray();
            if (upload.IsCompletedSuccessfully)
            {
                succeeded++;
                Assert.Equal(mission, onVehicle);
            }
            else
            {
                TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => upload);
                Assert.StartsWith("mission upload (Mission, 20 items) to 1/1: no answer", error.Message, StringComparison.Ordinal);
                // Never a mix: the old list intact, or (when only the final ACKs were lost) the complete new one.
                Assert.True(onVehicle.SequenceEqual(old) || onVehicle.SequenceEqual(mission), $"seed {seed}: half-written mission");
            }
        }

        output.WriteLine($"{succeeded} of 100 lossy uploads succeeded");
        Assert.True(succeeded >= 80, $"only {succeeded} of 100 lossy uploads succeeded");
    }

    [Fact]
    public async Task SetCurrentMovesTheCurrentItemAndRefusesOneOutOfRange()
    {
        (LossyNetwork net, MissionClient client, MissionServer server) = Setup();
        server.Load(MavMissionType.Mission, Waypoints(6, 0));
        int sets = 0;
        net.DropFilter = (toB, frame) => toB && LossyNetwork.MessageIdOf(frame) == MissionSetCurrent.MsgId && sets++ == 0;
        Task set = client.SetCurrentAsync(4);
        Assert.True(net.RunUntil(() => set.IsCompleted, 5_000_000));
        await set;
        Assert.Equal(4, server.CurrentSeq);

        Task bad = client.SetCurrentAsync(6);
        Assert.True(net.RunUntil(() => bad.IsCompleted, 10_000_000));
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("mission set-current 6 on 1/1: refused, the vehicle stays at item 4 of 6", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.CurrentSeq);
    }

    [Fact]
    public void ServerReceivePathAllocatesNothing()
    {
        var clock = new StrategicTech.Navigation.Time.ManualClock();
        var node = new MavlinkNode(1, 1, new NullSink(), clock);
        MissionServer server = node.Add(new MissionServer(node, capacity: 10));
        var writer = new MavlinkFrameWriter(255, 190);
        MissionPlanItem[] mission = Waypoints(3, 0);
        var frames = new List<byte[]>();
        byte[] buffer = new byte[300];
        int length = writer.WriteV2(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 3 }, buffer);
        frames.Add(buffer[..length]);
        for (int i = 0; i < 3; i++)
        {
            length = writer.WriteV2(mission[i].ToMessage(1, 1, (ushort)i, MavMissionType.Mission), buffer);
            frames.Add(buffer[..length]);
        }

        length = writer.WriteV2(new MissionRequestInt { TargetSystem = 1, TargetComponent = 1, Seq = 1 }, buffer);
        frames.Add(buffer[..length]);
        byte[][] all = [.. frames];
        TestSupport.Allocations.AssertZero(() =>
        {
            foreach (byte[] frame in all)
            {
                node.Receive(frame);
            }
        });
        Assert.Equal(mission, server.Items(MavMissionType.Mission).ToArray());
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
