using System.Formats.Cbor;
using System.Runtime.InteropServices;
using System.Text;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Allocation-free CBOR decoding (<c>compression: cbor</c>) of a publish frame's msg straight into a preallocated
/// message, without the JSON transcode of <see cref="RosbridgeEnvelope"/>. Numbers may be any CBOR number (null is
/// NaN); arrays may be RFC 8746 typed arrays (float32 tag 85, float64 tag 86) or plain arrays whose count is checked
/// against the bytes present before storage is touched. Every field is required: a missing one fails with
/// <see cref="RosbridgeFrameError.MissingField"/> and "<c>type.path missing</c>" (the message is built only then).
/// One instance per consuming thread (it owns a reused <see cref="CborReader"/>).
/// </summary>
public sealed class CborInto
{
    private const string LaserScanName = "sensor_msgs/msg/LaserScan";
    private const string OdometryName = "nav_msgs/msg/Odometry";
    private const string ImuName = "sensor_msgs/msg/Imu";
    private readonly CborReader _reader = new(ReadOnlyMemory<byte>.Empty, CborConformanceMode.Lax);

    /// <summary>Finds topic and msg of a CBOR publish frame without decoding msg (false when the frame is not a publish).</summary>
    public bool TryReadPublish(ReadOnlyMemory<byte> frame, out ReadOnlyMemory<byte> topicUtf8, out ReadOnlyMemory<byte> msg)
    {
        topicUtf8 = default;
        msg = default;
        bool isPublish = false;
        try
        {
            CborReader r = Start(frame);
            int? count = r.ReadStartMap();
            for (int i = 0; count is null ? r.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                ReadOnlySpan<byte> key = Key(r);
                if (key.SequenceEqual("op"u8))
                {
                    isPublish = r.PeekState() == CborReaderState.TextString && r.ReadDefiniteLengthTextStringBytes().Span.SequenceEqual("publish"u8);
                }
                else if (key.SequenceEqual("topic"u8) && r.PeekState() == CborReaderState.TextString)
                {
                    topicUtf8 = r.ReadDefiniteLengthTextStringBytes();
                }
                else if (key.SequenceEqual("msg"u8))
                {
                    int start = frame.Length - r.BytesRemaining;
                    r.SkipValue();
                    msg = frame[start..(frame.Length - r.BytesRemaining)];
                }
                else
                {
                    r.SkipValue();
                }
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, "invalid CBOR: " + e.Message);
        }

        return isPublish && !topicUtf8.IsEmpty && !msg.IsEmpty;
    }

    /// <summary>Decodes a sensor_msgs/LaserScan msg (a CBOR map) into <paramref name="into"/>.</summary>
    public void LaserScan(ReadOnlyMemory<byte> msg, LaserScanBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        try
        {
            CborReader r = Start(msg);
            int seen = 0;
            int? count = r.ReadStartMap();
            for (int i = 0; count is null ? r.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                ReadOnlySpan<byte> key = Key(r);
                int bit = key.SequenceEqual("header"u8) ? 0 : key.SequenceEqual("angle_min"u8) ? 1 : key.SequenceEqual("angle_max"u8) ? 2
                    : key.SequenceEqual("angle_increment"u8) ? 3 : key.SequenceEqual("time_increment"u8) ? 4 : key.SequenceEqual("scan_time"u8) ? 5
                    : key.SequenceEqual("range_min"u8) ? 6 : key.SequenceEqual("range_max"u8) ? 7 : key.SequenceEqual("ranges"u8) ? 8
                    : key.SequenceEqual("intensities"u8) ? 9 : -1;
                switch (bit)
                {
                    case 0: into.Stamp = ReadHeader(r, into.FrameId, LaserScanName); break;
                    case 1: into.AngleMin = (float)Number(r, LaserScanName, "angle_min"); break;
                    case 2: into.AngleMax = (float)Number(r, LaserScanName, "angle_max"); break;
                    case 3: into.AngleIncrement = (float)Number(r, LaserScanName, "angle_increment"); break;
                    case 4: into.TimeIncrement = (float)Number(r, LaserScanName, "time_increment"); break;
                    case 5: into.ScanTime = (float)Number(r, LaserScanName, "scan_time"); break;
                    case 6: into.RangeMin = (float)Number(r, LaserScanName, "range_min"); break;
                    case 7: into.RangeMax = (float)Number(r, LaserScanName, "range_max"); break;
                    case 8: ReadFloats(r, into, ranges: true); break;
                    case 9: ReadFloats(r, into, ranges: false); break;
                    default: r.SkipValue(); break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            r.ReadEndMap();
            RequireAll(seen, 10, LaserScanName, LaserScanFields);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"invalid CBOR {LaserScanName}: {e.Message}");
        }
    }

    /// <summary>Decodes a nav_msgs/Odometry msg (a CBOR map) into <paramref name="into"/>.</summary>
    public void Odometry(ReadOnlyMemory<byte> msg, OdometryBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        try
        {
            CborReader r = Start(msg);
            int seen = 0;
            int? count = r.ReadStartMap();
            for (int i = 0; count is null ? r.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                ReadOnlySpan<byte> key = Key(r);
                int bit = key.SequenceEqual("header"u8) ? 0 : key.SequenceEqual("child_frame_id"u8) ? 1 : key.SequenceEqual("pose"u8) ? 2
                    : key.SequenceEqual("twist"u8) ? 3 : -1;
                switch (bit)
                {
                    case 0: into.Stamp = ReadHeader(r, into.FrameId, OdometryName); break;
                    case 1: into.ChildFrameId.Set(Text(r, OdometryName, "child_frame_id")); break;
                    case 2: ReadPoseWithCovariance(r, into); break;
                    case 3: ReadTwistWithCovariance(r, into); break;
                    default: r.SkipValue(); break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            r.ReadEndMap();
            RequireAll(seen, 4, OdometryName, OdometryFields);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"invalid CBOR {OdometryName}: {e.Message}");
        }
    }

    /// <summary>Decodes a sensor_msgs/Imu msg (a CBOR map) into <paramref name="into"/>.</summary>
    public void Imu(ReadOnlyMemory<byte> msg, ImuBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Span<double> v = stackalloc double[4];
        try
        {
            CborReader r = Start(msg);
            int seen = 0;
            int? count = r.ReadStartMap();
            for (int i = 0; count is null ? r.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                ReadOnlySpan<byte> key = Key(r);
                int bit = key.SequenceEqual("header"u8) ? 0 : key.SequenceEqual("orientation"u8) ? 1 : key.SequenceEqual("orientation_covariance"u8) ? 2
                    : key.SequenceEqual("angular_velocity"u8) ? 3 : key.SequenceEqual("angular_velocity_covariance"u8) ? 4
                    : key.SequenceEqual("linear_acceleration"u8) ? 5 : key.SequenceEqual("linear_acceleration_covariance"u8) ? 6 : -1;
                switch (bit)
                {
                    case 0:
                        into.Stamp = ReadHeader(r, into.FrameId, ImuName);
                        break;
                    case 1:
                        ReadXyzw(r, v, 4, ImuName, "orientation");
                        into.Orientation = new Quaternion(v[0], v[1], v[2], v[3]);
                        break;
                    case 2:
                        ReadDoubles(r, into.OrientationCovariance, ImuName, "orientation_covariance");
                        break;
                    case 3:
                        ReadXyzw(r, v, 3, ImuName, "angular_velocity");
                        into.AngularVelocity = new Vector3(v[0], v[1], v[2]);
                        break;
                    case 4:
                        ReadDoubles(r, into.AngularVelocityCovariance, ImuName, "angular_velocity_covariance");
                        break;
                    case 5:
                        ReadXyzw(r, v, 3, ImuName, "linear_acceleration");
                        into.LinearAcceleration = new Vector3(v[0], v[1], v[2]);
                        break;
                    case 6:
                        ReadDoubles(r, into.LinearAccelerationCovariance, ImuName, "linear_acceleration_covariance");
                        break;
                    default:
                        r.SkipValue();
                        break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            r.ReadEndMap();
            RequireAll(seen, 7, ImuName, ImuFields);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"invalid CBOR {ImuName}: {e.Message}");
        }
    }

    /// <summary>
    /// The serialized bytes of a cbor-raw msg ({secs, nsecs, bytes}); false when <paramref name="msg"/> is not of that
    /// shape (a server that ignored the compression sent a plain CBOR message).
    /// </summary>
    public bool TryReadRawBytes(ReadOnlyMemory<byte> msg, out ReadOnlyMemory<byte> serialized)
    {
        serialized = default;
        int seen = 0;
        try
        {
            CborReader r = Start(msg);
            if (r.PeekState() != CborReaderState.StartMap)
            {
                return false;
            }

            int? count = r.ReadStartMap();
            for (int i = 0; count is null ? r.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                if (r.PeekState() != CborReaderState.TextString)
                {
                    return false;
                }

                ReadOnlySpan<byte> key = r.ReadDefiniteLengthTextStringBytes().Span;
                if (key.SequenceEqual("bytes"u8) && r.PeekState() == CborReaderState.ByteString)
                {
                    serialized = r.ReadDefiniteLengthByteString();
                    seen |= 1;
                    continue;
                }

                seen |= key.SequenceEqual("secs"u8) ? 2 : key.SequenceEqual("nsecs"u8) ? 4 : 0;
                r.SkipValue();
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, "invalid CBOR cbor-raw msg: " + e.Message);
        }

        return seen == 7;
    }

    private static readonly string[] LaserScanFields =
        ["header", "angle_min", "angle_max", "angle_increment", "time_increment", "scan_time", "range_min", "range_max", "ranges", "intensities"];

    private static readonly string[] OdometryFields = ["header", "child_frame_id", "pose", "twist"];

    private static readonly string[] ImuFields =
        ["header", "orientation", "orientation_covariance", "angular_velocity", "angular_velocity_covariance", "linear_acceleration", "linear_acceleration_covariance"];

    private static readonly string[] HeaderFields = ["header.stamp", "header.frame_id"];

    private static readonly string[] PoseWithCovarianceFields = ["pose.pose", "pose.covariance"];

    private static readonly string[] TwistWithCovarianceFields = ["twist.twist", "twist.covariance"];

    private static readonly string[] PoseFields = ["pose.pose.position", "pose.pose.orientation"];

    private static readonly string[] TwistFields = ["twist.twist.linear", "twist.twist.angular"];

    private CborReader Start(ReadOnlyMemory<byte> data)
    {
        _reader.Reset(data);
        return _reader;
    }

    private static ReadOnlySpan<byte> Key(CborReader r) =>
        r.PeekState() == CborReaderState.TextString ? r.ReadDefiniteLengthTextStringBytes().Span
        : throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, "CBOR message key is not a text string");

    private static void RequireAll(int seen, int fields, string type, string[] names)
    {
        int missing = ~seen & ((1 << fields) - 1);
        if (missing != 0)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.MissingField, $"{type}.{names[int.TrailingZeroCount(missing)]} missing");
        }
    }

    private static RosbridgeFrameException WrongType(string type, string field, CborReaderState state) =>
        new(RosbridgeFrameError.WrongType, $"{type}.{field} wrong type: CBOR {state}");

    private static double Number(CborReader r, string type, string field)
    {
        CborReaderState state = r.PeekState();
        switch (state)
        {
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                return r.ReadDouble();
            case CborReaderState.UnsignedInteger:
                return r.ReadUInt64();
            case CborReaderState.NegativeInteger:
                return r.ReadInt64();
            case CborReaderState.Null:
                r.ReadNull();
                return double.NaN; // peers that cannot spell NaN send null
            case CborReaderState.TextString:
                // The spellings the JSON decoder accepts (a CBOR frame transcoded from JSON carries them as text).
                ReadOnlySpan<byte> text = r.ReadDefiniteLengthTextStringBytes().Span;
                return text.SequenceEqual("NaN"u8) || text.SequenceEqual("nan"u8) ? double.NaN
                    : text.SequenceEqual("Infinity"u8) || text.SequenceEqual("inf"u8) ? double.PositiveInfinity
                    : text.SequenceEqual("-Infinity"u8) || text.SequenceEqual("-inf"u8) ? double.NegativeInfinity
                    : throw WrongType(type, field, state);
            default:
                throw WrongType(type, field, state);
        }
    }

    private static long Integer(CborReader r, string type, string field)
    {
        CborReaderState state = r.PeekState();
        return state is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger ? r.ReadInt64() : throw WrongType(type, field, state);
    }

    private static ReadOnlySpan<byte> Text(CborReader r, string type, string field)
    {
        CborReaderState state = r.PeekState();
        return state == CborReaderState.TextString ? r.ReadDefiniteLengthTextStringBytes().Span : throw WrongType(type, field, state);
    }

    private static int StartMap(CborReader r, string type, string field, out bool indefinite)
    {
        CborReaderState state = r.PeekState();
        if (state != CborReaderState.StartMap)
        {
            throw WrongType(type, field, state);
        }

        int? count = r.ReadStartMap();
        indefinite = count is null;
        return count ?? int.MaxValue;
    }

    private static bool More(CborReader r, int i, int count, bool indefinite) =>
        indefinite ? r.PeekState() != CborReaderState.EndMap : i < count;

    /// <summary>std_msgs/Header: stamp {sec|secs, nanosec|nsecs} and frame_id; returns the stamp.</summary>
    private static RosTime ReadHeader(CborReader r, ReusedString frameId, string type)
    {
        int seen = 0;
        RosTime stamp = default;
        int count = StartMap(r, type, "header", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("stamp"u8))
            {
                stamp = ReadTime(r, type);
                seen |= 1;
            }
            else if (key.SequenceEqual("frame_id"u8))
            {
                frameId.Set(Text(r, type, "header.frame_id"));
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, type, HeaderFields);
        return stamp;
    }

    private static RosTime ReadTime(CborReader r, string type)
    {
        long sec = 0, nanosec = 0;
        int seen = 0;
        int count = StartMap(r, type, "header.stamp", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("sec"u8) || key.SequenceEqual("secs"u8))
            {
                sec = Integer(r, type, "header.stamp.sec");
                seen |= 1;
            }
            else if (key.SequenceEqual("nanosec"u8) || key.SequenceEqual("nsecs"u8))
            {
                nanosec = Integer(r, type, "header.stamp.nanosec");
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, type, StampFields);
        if (sec is < int.MinValue or > int.MaxValue || nanosec is < 0 or > uint.MaxValue)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.header.stamp out of range");
        }

        return new RosTime((int)sec, (uint)nanosec);
    }

    private static readonly string[] StampFields = ["header.stamp.sec", "header.stamp.nanosec"];

    private static readonly string[] XyzNames = ["x", "y", "z", "w"];

    /// <summary>x, y, z (and w when <paramref name="fields"/> is 4) of a Point/Vector3/Quaternion map into <paramref name="values"/>.</summary>
    private static void ReadXyzw(CborReader r, Span<double> values, int fields, string type, string path)
    {
        int seen = 0;
        int count = StartMap(r, type, path, out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            int bit = key.SequenceEqual("x"u8) ? 0 : key.SequenceEqual("y"u8) ? 1 : key.SequenceEqual("z"u8) ? 2 : key.SequenceEqual("w"u8) && fields == 4 ? 3 : -1;
            if (bit < 0)
            {
                r.SkipValue();
                continue;
            }

            values[bit] = Number(r, type, path);
            seen |= 1 << bit;
        }

        r.ReadEndMap();
        int missing = ~seen & ((1 << fields) - 1);
        if (missing != 0)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.MissingField, $"{type}.{path}.{XyzNames[int.TrailingZeroCount(missing)]} missing");
        }
    }

    private static void ReadPoseWithCovariance(CborReader r, OdometryBuffer into)
    {
        int seen = 0;
        int count = StartMap(r, OdometryName, "pose", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("pose"u8))
            {
                into.Pose = ReadPose(r);
                seen |= 1;
            }
            else if (key.SequenceEqual("covariance"u8))
            {
                ReadDoubles(r, into.PoseCovariance, OdometryName, "pose.covariance");
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, OdometryName, PoseWithCovarianceFields);
    }

    private static Pose ReadPose(CborReader r)
    {
        Span<double> p = stackalloc double[4];
        Span<double> q = stackalloc double[4];
        int seen = 0;
        int count = StartMap(r, OdometryName, "pose.pose", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("position"u8))
            {
                ReadXyzw(r, p, 3, OdometryName, "pose.pose.position");
                seen |= 1;
            }
            else if (key.SequenceEqual("orientation"u8))
            {
                ReadXyzw(r, q, 4, OdometryName, "pose.pose.orientation");
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, OdometryName, PoseFields);
        return new Pose(new Point(p[0], p[1], p[2]), new Quaternion(q[0], q[1], q[2], q[3]));
    }

    private static void ReadTwistWithCovariance(CborReader r, OdometryBuffer into)
    {
        int seen = 0;
        int count = StartMap(r, OdometryName, "twist", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("twist"u8))
            {
                into.Twist = ReadTwist(r);
                seen |= 1;
            }
            else if (key.SequenceEqual("covariance"u8))
            {
                ReadDoubles(r, into.TwistCovariance, OdometryName, "twist.covariance");
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, OdometryName, TwistWithCovarianceFields);
    }

    private static Twist ReadTwist(CborReader r)
    {
        Span<double> linear = stackalloc double[4];
        Span<double> angular = stackalloc double[4];
        int seen = 0;
        int count = StartMap(r, OdometryName, "twist.twist", out bool indefinite);
        for (int i = 0; More(r, i, count, indefinite); i++)
        {
            ReadOnlySpan<byte> key = Key(r);
            if (key.SequenceEqual("linear"u8))
            {
                ReadXyzw(r, linear, 3, OdometryName, "twist.twist.linear");
                seen |= 1;
            }
            else if (key.SequenceEqual("angular"u8))
            {
                ReadXyzw(r, angular, 3, OdometryName, "twist.twist.angular");
                seen |= 2;
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        RequireAll(seen, 2, OdometryName, TwistFields);
        return new Twist(new Vector3(linear[0], linear[1], linear[2]), new Vector3(angular[0], angular[1], angular[2]));
    }

    /// <summary>float32[] (tag 85 or a plain array) into the scan's ranges or intensities, sized only after the count is checked.</summary>
    private static void ReadFloats(CborReader r, LaserScanBuffer into, bool ranges)
    {
        string field = ranges ? "ranges" : "intensities";
        CborReaderState state = r.PeekState();
        if (state == CborReaderState.Tag)
        {
            ulong tag = (ulong)r.ReadTag();
            if (tag != CborTypedArrayTags.Float32Le || r.PeekState() != CborReaderState.ByteString)
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{LaserScanName}.{field} wrong type: CBOR tag {tag}");
            }

            ReadOnlySpan<byte> bytes = r.ReadDefiniteLengthByteString().Span;
            if (bytes.Length % sizeof(float) != 0)
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{LaserScanName}.{field}: typed array of {bytes.Length} bytes is not whole float32s");
            }

            Span<float> target = ranges ? into.PrepareRanges(bytes.Length / sizeof(float)) : into.PrepareIntensities(bytes.Length / sizeof(float));
            CopyLittleEndian(bytes, MemoryMarshal.AsBytes(target), sizeof(float));
            return;
        }

        if (state != CborReaderState.StartArray)
        {
            throw WrongType(LaserScanName, field, state);
        }

        // Each element takes at least one byte: a count beyond the bytes left is a lie, rejected before sizing storage.
        int count = r.ReadStartArray() ?? throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{LaserScanName}.{field}: indefinite-length array");
        if (count > r.BytesRemaining)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"{LaserScanName}.{field}: {count} elements announced, {r.BytesRemaining} bytes left");
        }

        Span<float> values = ranges ? into.PrepareRanges(count) : into.PrepareIntensities(count);
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)Number(r, LaserScanName, field);
        }

        r.ReadEndArray();
    }

    /// <summary>A fixed-size float64[N] (tag 86 or a plain array) into <paramref name="target"/>; any other length is rejected.</summary>
    private static void ReadDoubles(CborReader r, Span<double> target, string type, string field)
    {
        CborReaderState state = r.PeekState();
        if (state == CborReaderState.Tag)
        {
            ulong tag = (ulong)r.ReadTag();
            if (tag != CborTypedArrayTags.Float64Le || r.PeekState() != CborReaderState.ByteString)
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field} wrong type: CBOR tag {tag}");
            }

            ReadOnlySpan<byte> bytes = r.ReadDefiniteLengthByteString().Span;
            if (bytes.Length != target.Length * sizeof(double))
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field}: {bytes.Length} bytes, float64[{target.Length}] expected");
            }

            CopyLittleEndian(bytes, MemoryMarshal.AsBytes(target), sizeof(double));
            return;
        }

        if (state != CborReaderState.StartArray)
        {
            throw WrongType(type, field, state);
        }

        int? count = r.ReadStartArray();
        if (count != target.Length)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field}: {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "indefinite"} elements, float64[{target.Length}] expected");
        }

        for (int i = 0; i < target.Length; i++)
        {
            target[i] = Number(r, type, field);
        }

        r.ReadEndArray();
    }

    private static void CopyLittleEndian(ReadOnlySpan<byte> source, Span<byte> target, int elementSize)
    {
        source.CopyTo(target);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < target.Length; i += elementSize)
            {
                target.Slice(i, elementSize).Reverse();
            }
        }
    }
}
