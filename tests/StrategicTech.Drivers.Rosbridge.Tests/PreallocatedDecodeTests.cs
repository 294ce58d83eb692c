using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>cbor-raw (CDR) and CBOR decoding into preallocated messages: same values as the record decoders, 0 B per message.</summary>
public sealed class PreallocatedDecodeTests
{
    private static string Canonical<T>(T message, RosType<T> type) => JsonSerializer.Serialize(message, type.Contract);

    private static byte[] CborMsg(JsonObject msg)
    {
        var writer = new CborWriter();
        RequiredFieldTests.WriteCbor(writer, msg);
        return writer.Encode();
    }

    [Fact]
    public void CDR_LaserScan_and_Odometry_decode_in_place_to_the_same_values_as_the_record_decoder()
    {
        LaserScan scan = MessageSamples.Scan360(7) with { Intensities = [1f, 2f, 3f] };
        Odometry odom = MessageSamples.Odometry(7);
        var scanBuffer = new LaserScanBuffer();
        var odomBuffer = new OdometryBuffer();

        CdrInto.LaserScan(CdrMessages.LaserScan.Serialize(scan), scanBuffer);
        CdrInto.Odometry(CdrMessages.Odometry.Serialize(odom, CdrEncoding.Cdr2BigEndian), odomBuffer);

        Assert.Equal(Canonical(scan, RosTypes.LaserScan), Canonical(scanBuffer.ToMessage(), RosTypes.LaserScan));
        Assert.Equal(Canonical(odom, RosTypes.Odometry), Canonical(odomBuffer.ToMessage(), RosTypes.Odometry));
    }

    [Fact]
    public void CDR_decode_of_a_360_beam_scan_and_an_odometry_into_preallocated_messages_allocates_nothing()
    {
        byte[] scan = CdrMessages.LaserScan.Serialize(MessageSamples.Scan360(3));
        byte[] odom = CdrMessages.Odometry.Serialize(MessageSamples.Odometry(3));
        var scanBuffer = new LaserScanBuffer(360);
        var odomBuffer = new OdometryBuffer();

        Allocations.AssertZero(() =>
        {
            CdrInto.LaserScan(scan, scanBuffer);
            CdrInto.Odometry(odom, odomBuffer);
        });

        Assert.Equal(360, scanBuffer.Ranges.Length);
        Assert.Equal("base_footprint", odomBuffer.ChildFrameId.Value);
    }

    [Fact]
    public void CBOR_publish_frames_decode_in_place_to_the_same_values_as_the_JSON_transcoding_decoder()
    {
        LaserScan scan = MessageSamples.Scan360(9);
        Odometry odom = MessageSamples.Odometry(9);
        var decoder = new CborInto();
        var scanBuffer = new LaserScanBuffer();
        var odomBuffer = new OdometryBuffer();

        Assert.True(decoder.TryReadPublish(RosbridgeFrames.PublishCbor("/scan", scan), out ReadOnlyMemory<byte> topic, out ReadOnlyMemory<byte> msg));
        Assert.Equal("/scan"u8.ToArray(), topic.ToArray());
        decoder.LaserScan(msg, scanBuffer);
        Assert.True(decoder.TryReadPublish(RosbridgeFrames.PublishCbor("/odom", odom), out _, out msg));
        decoder.Odometry(msg, odomBuffer);

        Assert.Equal(Canonical(scan, RosTypes.LaserScan), Canonical(scanBuffer.ToMessage(), RosTypes.LaserScan));
        Assert.Equal(Canonical(odom, RosTypes.Odometry), Canonical(odomBuffer.ToMessage(), RosTypes.Odometry));
    }

    [Fact]
    public void CBOR_with_plain_number_arrays_and_integer_numbers_decodes_like_typed_arrays()
    {
        LaserScan scan = MessageSamples.Scan360(2) with { AngleMin = -3f, Ranges = [1f, 2.5f, float.PositiveInfinity] };
        var json = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(scan, RosTypes.LaserScan.Contract))!;
        json["ranges"] = new JsonArray(1, 2.5, null);
        json["angle_min"] = -3;
        var buffer = new LaserScanBuffer();

        new CborInto().LaserScan(CborMsg(json), buffer);

        Assert.Equal([1f, 2.5f], buffer.Ranges[..2].ToArray());
        Assert.True(float.IsNaN(buffer.Ranges[2])); // null is NaN, as in the JSON decoder
        Assert.Equal(-3f, buffer.AngleMin);
    }

    [Fact]
    public void CBOR_decode_of_a_publish_frame_into_preallocated_messages_allocates_nothing()
    {
        byte[] scanFrame = RosbridgeFrames.PublishCbor("/scan", MessageSamples.Scan360(5));
        byte[] odomFrame = RosbridgeFrames.PublishCbor("/odom", MessageSamples.Odometry(5));
        var decoder = new CborInto();
        var scanBuffer = new LaserScanBuffer(360);
        var odomBuffer = new OdometryBuffer();

        Allocations.AssertZero(() =>
        {
            decoder.TryReadPublish(scanFrame, out _, out ReadOnlyMemory<byte> scanMsg);
            decoder.LaserScan(scanMsg, scanBuffer);
            decoder.TryReadPublish(odomFrame, out _, out ReadOnlyMemory<byte> odomMsg);
            decoder.Odometry(odomMsg, odomBuffer);
        });

        Assert.Equal(360, scanBuffer.Ranges.Length);
    }

    [Fact]
    public void The_ranges_storage_is_reused_while_it_suffices_and_grows_only_for_a_larger_checked_scan()
    {
        var buffer = new LaserScanBuffer(beamCapacity: 100);
        LaserScan large = MessageSamples.Scan360();

        CdrInto.LaserScan(CdrMessages.LaserScan.Serialize(large with { Ranges = new float[80] }), buffer);
        ReadOnlySpan<float> first = buffer.Ranges;
        CdrInto.LaserScan(CdrMessages.LaserScan.Serialize(large with { Ranges = new float[100] }), buffer);
        ReadOnlySpan<float> second = buffer.Ranges;
        CdrInto.LaserScan(CdrMessages.LaserScan.Serialize(large), buffer);
        ReadOnlySpan<float> third = buffer.Ranges;

        Assert.True(SameStorage(first, second));
        Assert.False(SameStorage(second, third));
        Assert.Equal(large.Ranges, third.ToArray());
    }

    private static bool SameStorage(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b));

    [Fact]
    public void A_ranges_count_larger_than_the_bytes_present_is_rejected_before_the_storage_is_touched()
    {
        var buffer = new LaserScanBuffer(beamCapacity: 360);
        CdrInto.LaserScan(CdrMessages.LaserScan.Serialize(MessageSamples.Scan360(1)), buffer);
        byte[] lying = CdrMessages.LaserScan.Serialize(MessageSamples.Scan360(2));
        // The ranges count follows header (4 + 4 + 4 + "base_scan\0" = 22, padded to 24) and 7 float32 (28) in the body.
        int countOffset = 4 + 24 + 28;
        Assert.Equal(360u, BinaryPrimitives.ReadUInt32LittleEndian(lying.AsSpan(countOffset)));
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(countOffset), 0x3FFF_FFFF);

        var e = Assert.Throws<CdrFormatException>(() => CdrInto.LaserScan(lying, buffer));

        Assert.Contains("'ranges' length 1073741823", e.Message, StringComparison.Ordinal);
        Assert.Equal(MessageSamples.Scan360(1).Ranges, buffer.Ranges.ToArray());
    }

    [Fact]
    public void A_CBOR_ranges_array_announcing_more_elements_than_bytes_is_rejected()
    {
        // {"ranges": array(1 000 000) [1.0 …]}: the count is announced, then the frame ends after one element.
        byte[] truncated = [0xA1, 0x66, .. "ranges"u8, 0x9A, 0x00, 0x0F, 0x42, 0x40, 0xF9, 0x3C, 0x00];
        var buffer = new LaserScanBuffer(beamCapacity: 16);

        var e = Assert.Throws<RosbridgeFrameException>(() => new CborInto().LaserScan(truncated, buffer));

        Assert.Equal(RosbridgeFrameError.InvalidCbor, e.Error);
        Assert.Equal(0, buffer.Ranges.Length); // nothing was sized from the announced count
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("odom")]
    public void Removing_any_field_from_CBOR_names_the_same_type_and_path_as_the_JSON_decoder(string which)
    {
        string name = which == "scan" ? RosTypes.LaserScan.Name : RosTypes.Odometry.Name;
        JsonObject whole = which == "scan"
            ? (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(MessageSamples.Scan360(), RosTypes.LaserScan.Contract))!
            : (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(MessageSamples.Odometry(), RosTypes.Odometry.Contract))!;
        var decoder = new CborInto();
        List<string> paths = RequiredFieldTests.FieldPaths(whole);

        foreach (string path in paths)
        {
            byte[] msg = CborMsg(RequiredFieldTests.Without(whole, path));
            var e = Assert.Throws<RosbridgeFrameException>(() =>
            {
                if (which == "scan")
                {
                    decoder.LaserScan(msg, new LaserScanBuffer());
                }
                else
                {
                    decoder.Odometry(msg, new OdometryBuffer());
                }
            });
            Assert.Equal((RosbridgeFrameError.MissingField, $"{name}.{path} missing"), (e.Error, e.Message));
        }

        Assert.Equal(which == "scan" ? 14 : 29, paths.Count); // every leaf and every sub-message of the .msg definition
    }
}
