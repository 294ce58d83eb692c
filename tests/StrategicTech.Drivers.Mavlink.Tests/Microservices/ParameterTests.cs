using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Capabilities.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class ParameterTests
{
    private static ParameterTable MakeTable(int count = 60)
    {
        var table = new ParameterTable();
        table.AddFloat("MC_ROLL_P", 6.5f, min: 0, max: 12);
        table.AddInt32("SYS_AUTOSTART", 4001);
        table.Add("COM_RC_LOSS_T", ParameterValue.FromInteger(MavParamType.Uint8, 200));
        table.Add("CAL_ACC0_ID", ParameterValue.FromInteger(MavParamType.Int32, -123_456_789));
        table.Add("BAT_N_CELLS", ParameterValue.FromInteger(MavParamType.Int8, -1), min: -1, max: 14);
        for (int i = table.Count; i < count; i++)
        {
            table.AddFloat("P_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i * 0.25f);
        }

        return table;
    }

    private static (LossyNetwork Net, ParameterClient Client, ParameterServer Server, ParameterTable Table) Setup(
        int seed = 1, double drop = 0, double duplicate = 0, double reorder = 0, ParameterEncoding encoding = ParameterEncoding.Bytewise, int retries = 3)
    {
        var net = new LossyNetwork(seed, drop, duplicate, reorder);
        ParameterTable table = MakeTable();
        ParameterClient client = net.A.Add(new ParameterClient(net.A, 1, 1, encoding, retries: retries));
        ParameterServer server = net.B.Add(new ParameterServer(net.B, table, encoding));
        return (net, client, server, table);
    }

    [Fact]
    public void BytewiseCopiesTheIntegerBytesAndCCastConverts()
    {
        Assert.Equal(0x0000_0001u, BitConverter.SingleToUInt32Bits(ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Int32, 1), ParameterEncoding.Bytewise)));
        Assert.Equal(1f, ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Int32, 1), ParameterEncoding.CCast));
        Assert.Equal(0x0000_00C8u, BitConverter.SingleToUInt32Bits(ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Uint8, 200), ParameterEncoding.Bytewise)));
        Assert.Equal(0x0000_00FFu, BitConverter.SingleToUInt32Bits(ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Int8, -1), ParameterEncoding.Bytewise)));
        Assert.Equal(0xFFFF_FFFFu, BitConverter.SingleToUInt32Bits(ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Int32, -1), ParameterEncoding.Bytewise)));
        Assert.Equal(-1f, ParameterCodec.Encode(ParameterValue.FromInteger(MavParamType.Int8, -1), ParameterEncoding.CCast));
        Assert.Equal(6.5f, ParameterCodec.Encode(ParameterValue.FromFloat(6.5f), ParameterEncoding.Bytewise));
        Assert.True(ParameterCodec.TryDecode(BitConverter.UInt32BitsToSingle(0xFF), MavParamType.Int8, ParameterEncoding.Bytewise, out ParameterValue minusOne));
        Assert.Equal(-1, minusOne.Integer);
        Assert.False(ParameterCodec.TryDecode(2.5f, MavParamType.Int32, ParameterEncoding.CCast, out _));
        Assert.False(ParameterCodec.TryDecode(300f, MavParamType.Uint8, ParameterEncoding.CCast, out _));
        Assert.False(ParameterCodec.TryDecode(1f, MavParamType.Real64, ParameterEncoding.Bytewise, out _));
    }

    [Fact]
    public void EncodingFollowsCapabilityFlags()
    {
        Assert.Equal(ParameterEncoding.Bytewise, ParameterCodec.FromCapabilities(MavProtocolCapability.ParamEncodeBytewise | MavProtocolCapability.Mavlink2));
        Assert.Equal(ParameterEncoding.CCast, ParameterCodec.FromCapabilities(MavProtocolCapability.ParamEncodeCCast));
        Assert.Equal(ParameterEncoding.CCast, ParameterCodec.FromCapabilities(MavProtocolCapability.Mavlink2));
        Assert.Equal(MavProtocolCapability.ParamEncodeBytewise, ParameterCodec.ToCapability(ParameterEncoding.Bytewise));
    }

    [Property]
    public bool BytewiseRoundTripsEveryIntegerOfEveryType(int raw, byte typeSelector)
    {
        MavParamType[] types = [MavParamType.Uint8, MavParamType.Int8, MavParamType.Uint16, MavParamType.Int16, MavParamType.Uint32, MavParamType.Int32];
        MavParamType type = types[typeSelector % types.Length];
        long value = type switch
        {
            MavParamType.Uint8 => (byte)raw,
            MavParamType.Int8 => (sbyte)raw,
            MavParamType.Uint16 => (ushort)raw,
            MavParamType.Int16 => (short)raw,
            MavParamType.Uint32 => (uint)raw,
            _ => raw,
        };
        ParameterValue original = ParameterValue.FromInteger(type, value);
        bool bytewise = ParameterCodec.TryDecode(ParameterCodec.Encode(original, ParameterEncoding.Bytewise), type, ParameterEncoding.Bytewise, out ParameterValue back)
                        && back == original;
        // C-cast is exact only up to 2^24.
        bool cCastExact = Math.Abs(value) > (1 << 24)
                          || (ParameterCodec.TryDecode(ParameterCodec.Encode(original, ParameterEncoding.CCast), type, ParameterEncoding.CCast, out ParameterValue cBack) && cBack == original);
        return bytewise && cCastExact;
    }

    [Theory]
    [InlineData(ParameterEncoding.Bytewise)]
    [InlineData(ParameterEncoding.CCast)]
    public async Task ListDownloadsEveryParameterInIndexOrder(ParameterEncoding encoding)
    {
        (LossyNetwork net, ParameterClient client, _, ParameterTable table) = Setup(encoding: encoding);
        Task<IReadOnlyList<Parameter>> task = client.ListAsync();
        Assert.True(net.RunUntil(() => task.IsCompleted, 5_000_000));

        IReadOnlyList<Parameter> list = await task;
        Assert.Equal(table.Count, list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(i, list[i].Index);
            Assert.Equal(table.NameAt(i), list[i].Name);
            if (i != 3)
            {
                Assert.Equal(table.ValueAt(i), list[i].Value);
            }
        }

        // C-cast is exact only up to 2^24: −123 456 789 arrives as the nearest float, −123 456 792.
        Assert.Equal(encoding == ParameterEncoding.Bytewise ? -123_456_789 : -123_456_792, list[3].Value.Integer);
        Assert.Equal(-1, list[4].Value.Integer);
        // 60 values at 20 per 10 ms tick.
        Assert.InRange(net.Clock.TimeUs, 30_000, 40_000);
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
    [InlineData(9)]
    [InlineData(10)]
    public async Task ListUnderLossDuplicationAndReorderingRecoversMissingIndices(int seed)
    {
        (LossyNetwork net, ParameterClient client, _, ParameterTable table) = Setup(seed, drop: 0.3, duplicate: 0.2, reorder: 0.3, retries: 10);
        Task<IReadOnlyList<Parameter>> task = client.ListAsync();
        Assert.True(net.RunUntil(() => task.IsCompleted, 30_000_000));

        IReadOnlyList<Parameter> list = await task;
        Assert.Equal(table.Count, list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(table.NameAt(i), list[i].Name);
            Assert.Equal(table.ValueAt(i), list[i].Value);
        }
    }

    [Fact]
    public async Task ListFailsClearlyWhenTheStreamStopsForGood()
    {
        (LossyNetwork net, ParameterClient client, _, _) = Setup();
        int values = 0;
        net.DropFilter = (toB, frame) => !toB && LossyNetwork.MessageIdOf(frame) == ParamValue.MsgId && values++ >= 25;
        Task<IReadOnlyList<Parameter>> task = client.ListAsync();
        Assert.True(net.RunUntil(() => task.IsCompleted, 30_000_000));

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => task);
        Assert.Contains("35 of 60 parameters still missing after 3 re-requests (first missing indices 25,26,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListWithNoAnswerTimesOutAfterRetries()
    {
        (LossyNetwork net, ParameterClient client, _, _) = Setup();
        net.Connected = false;
        Task<IReadOnlyList<Parameter>> task = client.ListAsync();
        Assert.True(net.RunUntil(() => task.IsCompleted, 30_000_000));

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => task);
        Assert.Contains("PARAM_REQUEST_LIST to 1/1: no PARAM_VALUE after 4 requests", error.Message, StringComparison.Ordinal);
        Assert.InRange(net.Clock.TimeUs, 4_000_000, 4_020_000);
    }

    [Fact]
    public async Task ReadByNameAndByIndex()
    {
        (LossyNetwork net, ParameterClient client, _, _) = Setup();
        Task<Parameter> byName = client.ReadAsync("CAL_ACC0_ID");
        Task<Parameter> byIndex = client.ReadAsync(2);
        Task<Parameter> unknown = client.ReadAsync("NO_SUCH_PARAM");
        Assert.True(net.RunUntil(() => unknown.IsCompleted, 10_000_000));

        Parameter a = await byName;
        Assert.Equal(3, a.Index);
        Assert.Equal(60, a.Count);
        Assert.Equal(ParameterValue.FromInteger(MavParamType.Int32, -123_456_789), a.Value);
        Parameter b = await byIndex;
        Assert.Equal("COM_RC_LOSS_T", b.Name);
        Assert.Equal(200, b.Value.Integer);
        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => unknown);
        Assert.Contains("'NO_SUCH_PARAM' to 1/1: no PARAM_VALUE after 4 requests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetIsStoredAndEchoed()
    {
        (LossyNetwork net, ParameterClient client, ParameterServer server, ParameterTable table) = Setup();
        Task<Parameter> set = client.SetAsync("MC_ROLL_P", ParameterValue.FromFloat(7.25f));
        Task<Parameter> setInt = client.SetAsync("BAT_N_CELLS", ParameterValue.FromInteger(MavParamType.Int8, 4));
        net.Pump();

        Assert.Equal(7.25f, (await set).Value.Real);
        Assert.Equal(4, (await setInt).Value.Integer);
        Assert.Equal(7.25f, table["MC_ROLL_P"].Real);
        Assert.Equal(4, table["BAT_N_CELLS"].Integer);
        Assert.Equal(0, server.RejectedSets);
    }

    [Fact]
    public async Task RejectedSetFailsAndKeepsTheOldValue()
    {
        (LossyNetwork net, ParameterClient client, ParameterServer server, ParameterTable table) = Setup();
        Task<Parameter> tooBig = client.SetAsync("MC_ROLL_P", ParameterValue.FromFloat(99f));
        Task<Parameter> wrongType = client.SetAsync("SYS_AUTOSTART", ParameterValue.FromFloat(1f));
        Assert.True(net.RunUntil(() => tooBig.IsCompleted && wrongType.IsCompleted, 10_000_000));

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => tooBig);
        Assert.Contains("PARAM_SET 'MC_ROLL_P' = 99 to 1/1: rejected, the vehicle holds 6.5", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => wrongType);
        Assert.Equal(6.5f, table["MC_ROLL_P"].Real);
        Assert.Equal(4001, table["SYS_AUTOSTART"].Integer);
        Assert.Equal(8, server.RejectedSets);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public async Task SetUnderLossRetriesUntilEchoed(int seed)
    {
        (LossyNetwork net, ParameterClient client, _, ParameterTable table) = Setup(seed, drop: 0.3, duplicate: 0.2, reorder: 0.3);
        var retrying = new ParameterClient(net.A, 1, 1, ParameterEncoding.Bytewise, retries: 10);
        net.A.Add(retrying);
        for (int i = 0; i < 20; i++)
        {
            Task<Parameter> task = retrying.SetAsync("SYS_AUTOSTART", ParameterValue.FromInteger(MavParamType.Int32, 5000 + i));
            Assert.True(net.RunUntil(() => task.IsCompleted, 20_000_000));
            Assert.Equal(5000 + i, (await task).Value.Integer);
            Assert.Equal(5000 + i, table["SYS_AUTOSTART"].Integer);
        }

        Assert.NotNull(client);
    }

    [Fact]
    public async Task ClientLearnsBytewiseEncodingFromAutopilotVersion()
    {
        (LossyNetwork net, ParameterClient client, _, _) = Setup(encoding: ParameterEncoding.Bytewise);
        client.Encoding = ParameterEncoding.CCast;
        net.B.Send(new AutopilotVersion { Capabilities = MavProtocolCapability.Mavlink2 | ParameterCodec.ToCapability(ParameterEncoding.Bytewise) });
        net.Pump();
        Assert.Equal(ParameterEncoding.Bytewise, client.Encoding);

        Task<Parameter> read = client.ReadAsync("SYS_AUTOSTART");
        net.Pump();
        Assert.Equal(4001, (await read).Value.Integer);
    }

    [Fact]
    public async Task ClientLearnsEncodingByRequestingAutopilotVersionThroughTheCommandProtocol()
    {
        (LossyNetwork net, ParameterClient client, _, _) = Setup(encoding: ParameterEncoding.Bytewise);
        client.Encoding = ParameterEncoding.CCast;
        var commands = net.B.Add(new CommandServer(net.B));
        new AutopilotVersionResponder(net.B, new AutopilotVersion
        {
            Capabilities = MavProtocolCapability.Mavlink2 | MavProtocolCapability.MissionInt | ParameterCodec.ToCapability(ParameterEncoding.Bytewise),
        }).RegisterOn(commands);
        var commandClient = net.A.Add(new CommandClient(net.A));

        Task<MavResult> request = commandClient.SendAsync(new CommandLong
        {
            TargetSystem = 1, TargetComponent = 1, Command = MavCmd.RequestMessage, Param1 = AutopilotVersion.MsgId,
        });
        Task<MavResult> other = commandClient.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.RequestAutopilotCapabilities });
        net.Pump();

        Assert.Equal(MavResult.Accepted, await request);
        Assert.Equal(MavResult.Accepted, await other);
        Assert.Equal(ParameterEncoding.Bytewise, client.Encoding);
    }

    [Fact]
    public void ServerReceivePathAllocatesNothing()
    {
        var clock = new StrategicTech.Navigation.Time.ManualClock();
        var node = new MavlinkNode(1, 1, new NullSink(), clock);
        ParameterTable table = MakeTable();
        node.Add(new ParameterServer(node, table));
        var writer = new MavlinkFrameWriter(255, 190);
        byte[] setFrame = new byte[64];
        byte[] readFrame = new byte[64];
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamType = MavParamType.Real32, ParamValue = 3.5f };
        MavlinkText.Encode("MC_ROLL_P", set.ParamId);
        int setLength = writer.WriteV2(set, setFrame);
        var read = new ParamRequestRead { TargetSystem = 1, TargetComponent = 1, ParamIndex = -1 };
        MavlinkText.Encode("P_42", read.ParamId);
        int readLength = writer.WriteV2(read, readFrame);

        TestSupport.Allocations.AssertZero(() =>
        {
            node.Receive(setFrame.AsSpan(0, setLength));
            node.Receive(readFrame.AsSpan(0, readLength));
        });
        Assert.Equal(3.5f, table["MC_ROLL_P"].Real);
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
