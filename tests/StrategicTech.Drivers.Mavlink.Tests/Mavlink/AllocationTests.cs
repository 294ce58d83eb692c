using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>The real-time paths allocate nothing: parse + decode, encode, signing, verification.</summary>
public sealed class AllocationTests
{
    private static readonly byte[] Stream = StreamFrames.All.AsSpan(0, 100_000).ToArray();

    [SharedDataFact]
    public void Parse_and_decode_allocate_nothing()
    {
        var parser = new MavlinkParser(CommonDialect.Instance);
        double sum = 0;
        long frames = 0;
        Allocations.AssertZero(
            () =>
            {
                ReadOnlySpan<byte> input = Stream;
                while (parser.TryRead(ref input, out MavlinkFrame frame))
                {
                    frames++;
                    switch (frame.MessageId)
                    {
                        case Attitude.MsgId:
                            sum += Attitude.Decode(frame.Payload).Roll;
                            break;
                        case HighresImu.MsgId:
                            sum += HighresImu.Decode(frame.Payload).Zacc;
                            break;
                        case GlobalPositionInt.MsgId:
                            sum += GlobalPositionInt.Decode(frame.Payload).Lat;
                            break;
                        case SysStatus.MsgId:
                            sum += SysStatus.Decode(frame.Payload).VoltageBattery;
                            break;
                        case Heartbeat.MsgId:
                            sum += frame.TryDecode(out Heartbeat h) ? h.CustomMode : 0;
                            break;
                        default:
                            break;
                    }
                }
            },
            iterations: 20);
        Assert.True(frames > 20 * 1900, $"{frames} frames");
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void Every_generated_message_decodes_and_encodes_without_allocating()
    {
        foreach (Type type in MessageCatalog.All)
        {
            MessageCatalog.Bind(nameof(AssertZeroFor), type, typeof(AllocationTests)).Invoke(null, null);
        }
    }

    private static void AssertZeroFor<T>()
        where T : struct, IMavlinkMessage<T>
    {
        byte[] full = new byte[T.MaxPayloadLength];
        new Random((int)T.MessageId).NextBytes(full);
        byte[] trimmed = full[..Math.Max(1, T.MaxPayloadLength / 2)];
        byte[] output = new byte[MavlinkFrameWriter.MaxFrameLengthOf<T>()];
        int written = 0;
        Allocations.AssertZero(
            () =>
            {
                T message = T.Decode(full);
                T shorter = T.Decode(trimmed);
                message.Encode(output);
                written += MavlinkFrameWriter.EncodeV2(shorter, output, 1, 1, 1);
            },
            iterations: 10);
        Assert.True(written > 0);
    }

    [SharedDataFact]
    public void Chunked_parsing_allocates_nothing()
    {
        var parser = new MavlinkParser(CommonDialect.Instance);
        long frames = 0;
        Allocations.AssertZero(
            () =>
            {
                for (int at = 0; at < Stream.Length; at += 97)
                {
                    ReadOnlySpan<byte> chunk = Stream.AsSpan(at, Math.Min(97, Stream.Length - at));
                    while (parser.TryRead(ref chunk, out _))
                    {
                        frames++;
                    }
                }
            },
            iterations: 5);
        Assert.True(frames > 5 * 1900);
    }

    [Fact]
    public void Encode_allocates_nothing()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var buffer = new byte[300];
        var attitude = new Attitude { TimeBootMs = 1000, Roll = 0.1f, Pitch = -0.2f, Yaw = 3.0f };
        var status = new Statustext { Severity = MavSeverity.Info };
        int total = 0;
        Allocations.AssertZero(
            () =>
            {
                total += writer.WriteV2(attitude, buffer);
                status.SetText("armed");
                total += writer.WriteV2(status, buffer);
                total += writer.WriteV1(new Heartbeat { Type = MavType.Quadrotor }, buffer);
            },
            iterations: 1000);
        Assert.True(total > 0);
    }

    [Fact]
    public void Signing_and_verification_allocate_nothing_on_known_streams()
    {
        var key = MavlinkSigningKey.Generate();
        var clock = new ManualClock(1_800_000_000_000_000);
        var writer = new MavlinkFrameWriter(1, 1, new MavlinkSigner(key, 3, clock));
        var parser = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(key, MavlinkSigningPolicy.Require, clock));
        var buffer = new byte[300];
        long accepted = 0;
        long calls = Allocations.AssertZero(
            () =>
            {
                int n = writer.WriteV2(new Attitude { Roll = 1 }, buffer);
                ReadOnlySpan<byte> input = buffer.AsSpan(0, n);
                while (parser.TryRead(ref input, out _))
                {
                    accepted++;
                }
            },
            iterations: 1000);
        Assert.Equal(calls, accepted); // every signed frame written was accepted
        Assert.Equal(0, parser.Stats.SignatureFailures);
    }
}
