using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Ardupilotmega;
using StrategicTech.Drivers.Mavlink.Dialects.Development;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>
/// Every generated message survives encode/decode with arbitrary field values. Arbitrary payload bytes are
/// arbitrary field values (every bit pattern, NaN payloads included), so the properties run on bytes.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly MavlinkDialect Everything = new("all", ArdupilotmegaDialect.Instance.Messages
        .Concat(DevelopmentDialect.Instance.Messages).DistinctBy(m => m.Id));

    [Fact]
    public void The_catalog_covers_every_message_of_the_shipped_dialects()
    {
        Assert.Equal(Everything.Messages.Count, MessageCatalog.All.Count);
        Assert.True(MessageCatalog.All.Count > 300, $"only {MessageCatalog.All.Count} message types");
    }

    [Property(MaxTest = 300)]
    public bool Any_message_round_trips_through_a_v2_frame(PositiveInt which, byte[] bytes, byte trailingZeros) =>
        RoundTripV2(MessageCatalog.All[which.Get % MessageCatalog.All.Count], PayloadFrom(bytes, trailingZeros, which.Get));

    [Property(MaxTest = 300)]
    public bool Any_v1_capable_message_round_trips_through_a_v1_frame(PositiveInt which, byte[] bytes)
    {
        var v1 = MessageCatalog.All.Where(t => MessageCatalog.IdOf(t) < 256).ToList();
        return RoundTripV1(v1[which.Get % v1.Count], PayloadFrom(bytes, 0, which.Get));
    }

    [Fact]
    public void Every_message_round_trips_with_random_and_zero_tailed_values()
    {
        var random = new Random(20261122);
        foreach (Type type in MessageCatalog.All)
        {
            for (int i = 0; i < 8; i++)
            {
                byte[] payload = new byte[MessageCatalog.MaxLength(type)];
                random.NextBytes(payload);
                // Zero a random tail so trimming removes a varying number of bytes, down to all-zero payloads.
                int keep = random.Next(payload.Length + 1);
                payload.AsSpan(keep).Clear();
                Assert.True(RoundTripV2(type, payload), $"{type.Name} v2 payload {Convert.ToHexString(payload)}");
                if (MessageCatalog.IdOf(type) < 256)
                {
                    Assert.True(RoundTripV1(type, payload), $"{type.Name} v1 payload {Convert.ToHexString(payload)}");
                }
            }
        }
    }

    private static byte[] PayloadFrom(byte[] bytes, byte trailingZeros, int salt)
    {
        bytes ??= [];
        int length = 255;
        var payload = new byte[length];
        for (int i = 0; i < length && bytes.Length > 0; i++)
        {
            payload[i] = (byte)(bytes[i % bytes.Length] + (i / bytes.Length * salt));
        }

        payload.AsSpan(Math.Max(0, length - trailingZeros)).Clear();
        return payload;
    }

    /// <summary>decode(payload) encodes back to payload; the trimmed v2 frame parses and decodes to the same values.</summary>
    private static bool RoundTripV2(Type type, byte[] source)
    {
        int max = MessageCatalog.MaxLength(type);
        byte[] payload = source[..max];
        object message = MessageCatalog.Decode(type, payload);
        byte[] encoded = MessageCatalog.Encode(type, message);
        if (!encoded.AsSpan().SequenceEqual(payload))
        {
            return false;
        }

        byte[] frame = MessageCatalog.EncodeV2(type, message, 7, 42, 200);
        int trimmed = frame[1];
        int expectedLength = Math.Max(1, payload.AsSpan().LastIndexOfAnyExcept((byte)0) + 1);
        var parser = new MavlinkParser(Everything);
        var frames = ParseAll.Frames(parser, frame);
        if (trimmed != expectedLength || frames.Count != 1 || !frames[0].AsSpan().SequenceEqual(frame))
        {
            return false;
        }

        object decoded = MessageCatalog.Decode(type, frame.AsSpan(10, trimmed).ToArray());
        return MessageCatalog.Encode(type, decoded).AsSpan().SequenceEqual(payload);
    }

    /// <summary>A v1 frame carries the base fields exactly; extension fields decode as zero.</summary>
    private static bool RoundTripV1(Type type, byte[] source)
    {
        int min = MessageCatalog.MinLength(type);
        int max = MessageCatalog.MaxLength(type);
        object message = MessageCatalog.Decode(type, source[..max]);
        byte[] frame = MessageCatalog.EncodeV1(type, message, 9, 1, 1);
        var parser = new MavlinkParser(Everything);
        var frames = ParseAll.Frames(parser, frame);
        if (frame.Length != 6 + min + 2 || frames.Count != 1 || frame[1] != min)
        {
            return false;
        }

        byte[] expected = new byte[max];
        source.AsSpan(0, min).CopyTo(expected);
        object decoded = MessageCatalog.Decode(type, frame.AsSpan(6, min).ToArray());
        return MessageCatalog.Encode(type, decoded).AsSpan().SequenceEqual(expected);
    }
}
