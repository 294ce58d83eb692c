using System.Buffers.Binary;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;
using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>The CDR codec behind cbor-raw: round trips in all four plain encodings, the alignment rules, hostile input.</summary>
public sealed class CdrCodecTests
{
    private static readonly CdrEncoding[] Encodings =
        [CdrEncoding.CdrLittleEndian, CdrEncoding.CdrBigEndian, CdrEncoding.Cdr2LittleEndian, CdrEncoding.Cdr2BigEndian];

    private static string Canonical(object message, Type type) => JsonSerializer.Serialize(message, RosJsonContext.Default.GetTypeInfo(type)!);

    private static object RoundTrip<T>(CdrCodec<T> codec, T message, CdrEncoding encoding) => codec.Deserialize(codec.Serialize(message, encoding))!;

    /// <summary>Serializes and decodes <paramref name="message"/> with its type's codec; null for a type without one.</summary>
    private static object? RoundTrip(object message, CdrEncoding e) => message switch
    {
        Twist m => RoundTrip(CdrMessages.Twist, m, e),
        PoseStamped m => RoundTrip(CdrMessages.PoseStamped, m, e),
        PoseWithCovarianceStamped m => RoundTrip(CdrMessages.PoseWithCovarianceStamped, m, e),
        Odometry m => RoundTrip(CdrMessages.Odometry, m, e),
        OccupancyGrid m => RoundTrip(CdrMessages.OccupancyGrid, m, e),
        NavPath m => RoundTrip(CdrMessages.Path, m, e),
        LaserScan m => RoundTrip(CdrMessages.LaserScan, m, e),
        Imu m => RoundTrip(CdrMessages.Imu, m, e),
        BatteryState m => RoundTrip(CdrMessages.BatteryState, m, e),
        TfMessage m => RoundTrip(CdrMessages.TfMessage, m, e),
        StringMessage m => RoundTrip(CdrMessages.String, m, e),
        BoolMessage m => RoundTrip(CdrMessages.Bool, m, e),
        Float64Message m => RoundTrip(CdrMessages.Float64, m, e),
        Int32Message m => RoundTrip(CdrMessages.Int32, m, e),
        GoalStatus m => RoundTrip(CdrMessages.GoalStatus, m, e),
        _ => null,
    };

    [Property(MaxTest = 60)]
    public void Every_message_type_with_a_CDR_codec_round_trips_in_all_four_encodings_including_NaN_and_infinities(int seed)
    {
        int covered = 0;
        foreach ((object message, Type type) in MessageSamples.All(seed, finiteOnly: false))
        {
            foreach (CdrEncoding encoding in Encodings)
            {
                object? back = RoundTrip(message, encoding);
                if (back is null)
                {
                    continue;
                }

                covered++;
                Assert.Equal(Canonical(message, type), Canonical(back, type));
            }
        }

        Assert.Equal(15 * 4, covered); // every sample type but Header, UInt8MultiArray-data, Trigger and Rotate
    }

    [Fact]
    public void A_twist_is_a_4_byte_little_endian_CDR_header_and_six_float64_with_no_padding()
    {
        var twist = new Twist(new Vector3(1, 2, 3), new Vector3(4, 5, 6));

        byte[] bytes = CdrMessages.Twist.Serialize(twist);

        Assert.Equal(4 + (6 * 8), bytes.Length);
        Assert.Equal([0x00, 0x01, 0x00, 0x00], bytes[..4]);
        Assert.Equal(3.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(4 + 16)));
        Assert.Equal(6.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(4 + 40)));
    }

    [Theory]
    [InlineData(CdrEncoding.CdrLittleEndian, 40)] // XCDR1: float64 aligned to 8
    [InlineData(CdrEncoding.Cdr2LittleEndian, 36)] // XCDR2: alignment capped at 4
    public void Odometry_pose_starts_at_the_alignment_the_encoding_prescribes(CdrEncoding encoding, int poseOffset)
    {
        // Body: sec 4 + nanosec 4 + length 4 + "odom1\0" 6 = 18, pad to 20, length 4 + "base_link\0" 10 = 34, then float64.
        var odom = new Odometry(new Header(new RosTime(7, 8), "odom1"), "base_link",
            new PoseWithCovariance(new Pose(new Point(1.5, -2.5, 0), Quaternion.Identity), new double[36]),
            new TwistWithCovariance(default, new double[36]));

        byte[] bytes = CdrMessages.Odometry.Serialize(odom, encoding);

        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(4 + poseOffset)));
        Assert.Equal(-2.5, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(4 + poseOffset + 8)));
        Assert.Equal(4 + poseOffset + (7 * 8) + (36 * 8) + (6 * 8) + (36 * 8), bytes.Length);
    }

    [Fact]
    public void A_string_counts_its_NUL_and_the_body_is_padded_to_4_with_the_count_in_the_options()
    {
        byte[] bytes = CdrMessages.String.Serialize(new StringMessage("hi"));

        Assert.Equal([0x00, 0x01, 0x00, 0x01, 3, 0, 0, 0, (byte)'h', (byte)'i', 0, 0], bytes);
        Assert.Equal("hi", CdrMessages.String.Deserialize(bytes).Data);
    }

    [Fact]
    public void A_path_in_XCDR2_carries_a_DHEADER_with_the_byte_size_of_its_poses()
    {
        var pose = new PoseStamped(new Header(new RosTime(1, 2), "map"), new Pose(new Point(1, 2, 3), Quaternion.Identity));
        var path = new NavPath(new Header(new RosTime(1, 2), "map"), [pose, pose]);

        byte[] cdr1 = CdrMessages.Path.Serialize(path, CdrEncoding.CdrLittleEndian);
        byte[] cdr2 = CdrMessages.Path.Serialize(path, CdrEncoding.Cdr2LittleEndian);

        // Body: header 12 + "map\0" 4 = 16; XCDR2 DHEADER at 16, count at 20, poses from 24 to the end.
        uint dheader = BinaryPrimitives.ReadUInt32LittleEndian(cdr2.AsSpan(4 + 16));
        Assert.Equal((uint)(cdr2.Length - cdr2[3] - 4 - 20), dheader);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(cdr2.AsSpan(4 + 20)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(cdr1.AsSpan(4 + 16)));
        Assert.Equal(2, CdrMessages.Path.Deserialize(cdr2).Poses.Length);
    }

    [Fact]
    public void A_huge_sequence_length_is_rejected_before_anything_is_allocated_for_it()
    {
        byte[] bytes = CdrMessages.LaserScan.Serialize(MessageSamples.Scan360());
        // ranges' count sits after header (4 + 4 + 4 + "base_scan\0" 10 = 22, pad 24) and 7 float32 (28): body offset 52.
        Assert.Equal(360u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 + 52)));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + 52), 0x7FFF_FFFF);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CdrFormatException>(() => CdrMessages.LaserScan.Deserialize(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("'ranges' length 2147483647", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} B"); // the message text and header string only; a float[2^31-1] would be 8 GB
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x03, 0x00, 0x00, 1, 2, 3, 4 }, "0x0003")] // PL_CDR_LE (mutable types): not a ROS encoding
    [InlineData(new byte[] { 0x00, 0x01 }, "shorter than the 4-byte")]
    public void A_payload_without_a_plain_CDR_header_is_rejected_naming_why(byte[] bytes, string reason)
    {
        var e = Assert.Throws<CdrFormatException>(() => CdrMessages.Twist.Deserialize(bytes));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boolean_byte_other_than_0_or_1_and_a_string_without_NUL_are_rejected()
    {
        Assert.Throws<CdrFormatException>(() => CdrMessages.Bool.Deserialize([0, 1, 0, 3, 2, 0, 0, 0]));
        Assert.Throws<CdrFormatException>(() => CdrMessages.String.Deserialize([0, 1, 0, 0, 2, 0, 0, 0, (byte)'h', (byte)'i', 0, 0]));
    }

    [Property(MaxTest = 200)]
    public void Truncated_or_corrupted_payloads_fail_only_with_CdrFormatException(int seed, PositiveInt cut, byte value)
    {
        var random = new Random(seed);
        byte[] bytes = CdrMessages.Odometry.Serialize(MessageSamples.Odometry(seed), random.Next(2) == 0 ? CdrEncoding.CdrLittleEndian : CdrEncoding.Cdr2BigEndian);
        byte[] truncated = bytes[..(cut.Get % bytes.Length)];
        byte[] corrupted = (byte[])bytes.Clone();
        corrupted[4 + random.Next(24)] = value; // somewhere in the header's stamp, frame_id length or text

        Assert.Throws<CdrFormatException>(() => CdrMessages.Odometry.Deserialize(truncated));
        try
        {
            CdrMessages.Odometry.Deserialize(corrupted);
        }
        catch (CdrFormatException)
        {
        }
    }
}
