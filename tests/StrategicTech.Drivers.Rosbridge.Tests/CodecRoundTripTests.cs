using System.Formats.Cbor;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>JSON and CBOR codecs: every message type survives a round trip bit for bit (compared by canonical JSON).</summary>
public sealed class CodecRoundTripTests
{
    private static string Canonical(object message, Type type) => JsonSerializer.Serialize(message, RosJsonContext.Default.GetTypeInfo(type)!);

    private static object? FromJson(string json, Type type) => JsonSerializer.Deserialize(json, RosJsonContext.Default.GetTypeInfo(type)!);

    private static object? FromCbor(byte[] cbor, Type type)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CborToJson.Transcode(cbor, writer);
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, RosJsonContext.Default.GetTypeInfo(type)!);
    }

    private static byte[] ToCbor(object message, Type type)
    {
        var writer = new CborWriter();
        CborMessageWriter.WriteValue(writer, message, type);
        return writer.Encode();
    }

    [Property(MaxTest = 60)]
    public void Every_message_type_round_trips_through_JSON_including_NaN_and_infinities(int seed)
    {
        foreach ((object message, Type type) in MessageSamples.All(seed, finiteOnly: false))
        {
            string json = Canonical(message, type);
            object back = FromJson(json, type)!;
            Assert.Equal(json, Canonical(back, type));
        }
    }

    [Property(MaxTest = 60)]
    public void Every_message_type_round_trips_through_CBOR_including_NaN_and_infinities(int seed)
    {
        foreach ((object message, Type type) in MessageSamples.All(seed, finiteOnly: false))
        {
            object back = FromCbor(ToCbor(message, type), type)!;
            Assert.Equal(Canonical(message, type), Canonical(back, type));
        }
    }

    [Fact]
    public void LaserScan_ranges_are_a_float32_little_endian_typed_array_tag_85_in_CBOR()
    {
        LaserScan scan = MessageSamples.Scan360();
        var reader = new CborReader(ToCbor(scan, typeof(LaserScan)));
        reader.ReadStartMap();
        bool found = false;
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            string key = reader.ReadTextString();
            if (key == "ranges")
            {
                Assert.Equal((CborTag)85, reader.ReadTag());
                byte[] bytes = reader.ReadByteString();
                Assert.Equal(360 * 4, bytes.Length);
                Assert.Equal(scan.Ranges[7], BitConverter.ToSingle(bytes, 7 * 4));
                found = true;
            }
            else
            {
                reader.SkipValue();
            }
        }

        Assert.True(found);
    }

    [Fact]
    public void Odometry_covariance_is_tag_86_and_OccupancyGrid_int8_data_is_tag_72_in_CBOR_but_a_number_list_in_JSON()
    {
        byte[] odom = ToCbor(MessageSamples.Odometry(), typeof(Odometry));
        // 0xD8 0x56 = tag(86) header; the 36 doubles follow as a 288-byte string (0x59 0x01 0x20).
        Assert.True(odom.AsSpan().IndexOf(new byte[] { 0xD8, 0x56, 0x59, 0x01, 0x20 }) >= 0);

        var grid = new OccupancyGrid(Header.Empty, new MapMetaData(default, 0.05f, 3, 1, default), [-1, 0, 100]);
        byte[] cbor = ToCbor(grid, typeof(OccupancyGrid));
        Assert.True(cbor.AsSpan().IndexOf(new byte[] { 0xD8, 0x48, 0x43, 0xFF, 0x00, 0x64 }) >= 0);
        Assert.Contains("\"data\":[-1,0,100]", Canonical(grid, typeof(OccupancyGrid)), StringComparison.Ordinal);
    }

    [Fact]
    public void Uint8_arrays_are_base64_in_JSON_and_a_number_list_is_accepted_too()
    {
        var message = new ByteArrayMessage([0, 1, 254, 255]);
        Assert.Equal("{\"data\":\"AAH+/w==\"}", Canonical(message, typeof(ByteArrayMessage)));
        var fromList = (ByteArrayMessage)FromJson("{\"data\":[0,1,254,255]}", typeof(ByteArrayMessage))!;
        Assert.Equal(message.Data, fromList.Data);
    }

    [Fact]
    public void ROS1_time_spelled_secs_nsecs_decodes_and_null_floats_read_as_NaN()
    {
        var header = (Header)FromJson("{\"stamp\":{\"secs\":12,\"nsecs\":34},\"frame_id\":\"odom\",\"seq\":9}", typeof(Header))!;
        Assert.Equal(new RosTime(12, 34), header.Stamp);
        var f = (Float64Message)FromJson("{\"data\":null}", typeof(Float64Message))!;
        Assert.True(double.IsNaN(f.Data));
    }

    [Fact]
    public void A_cbor_negative_integer_beyond_int64_transcodes_to_the_nearest_double()
    {
        // 0x3B + 8 bytes: -1 - 0x8000000000000000, one below long.MinValue (found by the random-bytes property).
        byte[] cbor = [0x3B, 0x80, 0, 0, 0, 0, 0, 0, 0];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CborToJson.Transcode(cbor, writer);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(-9.2233720368547758e18, document.RootElement.GetDouble());
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_as_a_text_or_binary_frame_never_throw_out_of_the_client(byte[] bytes, bool binary)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var client = new Client.RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        client.HandleFrame(bytes, binary);
        Assert.Equal(1, client.Counters.FramesReceived);
    }

    [Fact]
    public void Bad_frames_are_counted_by_kind_and_the_reason_is_reported()
    {
        var client = new Client.RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        client.HandleFrame("{not json"u8.ToArray(), binary: false);
        client.HandleFrame("{\"op\":\"teleport\"}"u8.ToArray(), binary: false);
        client.HandleFrame("{\"op\":\"publish\",\"topic\":5}"u8.ToArray(), binary: false);
        Assert.Contains("field 'topic' must be a string", client.Counters.LastError ?? "", StringComparison.Ordinal);
        client.HandleFrame(new byte[] { 0xFF, 0x00 }, binary: true);
        Assert.Equal((1, 1, 1, 1), (client.Counters.InvalidJson, client.Counters.UnknownOp, client.Counters.WrongType, client.Counters.InvalidCbor));
        Assert.Equal(4, client.Counters.FramesReceived);
    }

    [Fact]
    public void A_subscription_counts_a_publish_with_a_malformed_msg_as_one_bad_frame_and_takes_the_next_good_one()
    {
        var client = new Client.RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        var odom = client.Subscribe("/odom", RosTypes.Odometry);
        client.HandleFrame("{\"op\":\"publish\",\"topic\":\"/odom\",\"msg\":{\"header\":\"x\"}}"u8.ToArray(), binary: false);
        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(), RosTypes.Odometry.Contract), binary: false);
        Assert.Equal(1, client.Counters.BadFrames); // header is a string and every other field is absent: one bad frame (a wrong type alone: RequiredFieldTests)
        Assert.True(odom.TryGetLatest(out Odometry latest, out long sequence));
        Assert.Equal(1, sequence);
        Assert.Equal("base_footprint", latest.ChildFrameId);
    }
}
