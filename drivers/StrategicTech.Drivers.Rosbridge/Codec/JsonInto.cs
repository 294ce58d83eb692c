using System.Buffers;
using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Allocation-free JSON decoding of a publish frame's msg object straight into a preallocated message with
/// <see cref="Utf8JsonReader"/>, under the rules of the contract decoders: every field is required (a missing or null
/// one fails with <see cref="RosbridgeFrameError.MissingField"/> and "<c>type.path missing</c>"), a value of the wrong
/// JSON type with <see cref="RosbridgeFrameError.WrongType"/> naming type and path; numbers accept the non-finite
/// spellings peers use (null, "NaN", "Infinity"); stamps take ROS 2 sec/nanosec or ROS 1 secs/nsecs; unknown keys
/// are skipped. Float arrays grow their storage only by elements actually present in the bytes.
/// </summary>
public static class JsonInto
{
    private const string LaserScanName = "sensor_msgs/msg/LaserScan";
    private const string OdometryName = "nav_msgs/msg/Odometry";
    private const string ImuName = "sensor_msgs/msg/Imu";
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    private static readonly string[] LaserScanFields =
        ["header", "angle_min", "angle_max", "angle_increment", "time_increment", "scan_time", "range_min", "range_max", "ranges", "intensities"];

    private static readonly string[] OdometryFields = ["header", "child_frame_id", "pose", "twist"];

    private static readonly string[] ImuFields =
        ["header", "orientation", "orientation_covariance", "angular_velocity", "angular_velocity_covariance", "linear_acceleration", "linear_acceleration_covariance"];

    private static readonly string[] HeaderFields = ["header.stamp", "header.frame_id"];
    private static readonly string[] StampFields = ["header.stamp.sec", "header.stamp.nanosec"];
    private static readonly string[] XyzwNames = ["x", "y", "z", "w"];
    private static readonly string[] PoseWithCovarianceFields = ["pose.pose", "pose.covariance"];
    private static readonly string[] TwistWithCovarianceFields = ["twist.twist", "twist.covariance"];

    /// <summary>Decodes a sensor_msgs/LaserScan msg object into <paramref name="into"/>.</summary>
    public static void LaserScan(ReadOnlySpan<byte> msg, LaserScanBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        try
        {
            var r = new Utf8JsonReader(msg, Options);
            StartRoot(ref r, LaserScanName);
            int seen = 0;
            while (NextProperty(ref r))
            {
                int bit = r.ValueTextEquals("header"u8) ? 0 : r.ValueTextEquals("angle_min"u8) ? 1 : r.ValueTextEquals("angle_max"u8) ? 2
                    : r.ValueTextEquals("angle_increment"u8) ? 3 : r.ValueTextEquals("time_increment"u8) ? 4 : r.ValueTextEquals("scan_time"u8) ? 5
                    : r.ValueTextEquals("range_min"u8) ? 6 : r.ValueTextEquals("range_max"u8) ? 7 : r.ValueTextEquals("ranges"u8) ? 8
                    : r.ValueTextEquals("intensities"u8) ? 9 : -1;
                r.Read();
                switch (bit)
                {
                    case 0: into.Stamp = ReadHeader(ref r, into.FrameId, LaserScanName); break;
                    case 1: into.AngleMin = (float)Number(ref r, LaserScanName, "angle_min"); break;
                    case 2: into.AngleMax = (float)Number(ref r, LaserScanName, "angle_max"); break;
                    case 3: into.AngleIncrement = (float)Number(ref r, LaserScanName, "angle_increment"); break;
                    case 4: into.TimeIncrement = (float)Number(ref r, LaserScanName, "time_increment"); break;
                    case 5: into.ScanTime = (float)Number(ref r, LaserScanName, "scan_time"); break;
                    case 6: into.RangeMin = (float)Number(ref r, LaserScanName, "range_min"); break;
                    case 7: into.RangeMax = (float)Number(ref r, LaserScanName, "range_max"); break;
                    case 8: ReadFloats(ref r, into, ranges: true); break;
                    case 9: ReadFloats(ref r, into, ranges: false); break;
                    default: r.Skip(); break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            RequireAll(seen, LaserScanFields.Length, LaserScanName, LaserScanFields);
        }
        catch (JsonException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidJson, $"invalid JSON {LaserScanName}: {e.Message}");
        }
    }

    /// <summary>Decodes a nav_msgs/Odometry msg object into <paramref name="into"/>.</summary>
    public static void Odometry(ReadOnlySpan<byte> msg, OdometryBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        try
        {
            var r = new Utf8JsonReader(msg, Options);
            StartRoot(ref r, OdometryName);
            int seen = 0;
            while (NextProperty(ref r))
            {
                int bit = r.ValueTextEquals("header"u8) ? 0 : r.ValueTextEquals("child_frame_id"u8) ? 1 : r.ValueTextEquals("pose"u8) ? 2
                    : r.ValueTextEquals("twist"u8) ? 3 : -1;
                r.Read();
                switch (bit)
                {
                    case 0: into.Stamp = ReadHeader(ref r, into.FrameId, OdometryName); break;
                    case 1: ReadString(ref r, into.ChildFrameId, OdometryName, "child_frame_id"); break;
                    case 2: into.Pose = ReadPoseWithCovariance(ref r, into.PoseCovariance); break;
                    case 3: into.Twist = ReadTwistWithCovariance(ref r, into.TwistCovariance); break;
                    default: r.Skip(); break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            RequireAll(seen, OdometryFields.Length, OdometryName, OdometryFields);
        }
        catch (JsonException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidJson, $"invalid JSON {OdometryName}: {e.Message}");
        }
    }

    /// <summary>Decodes a sensor_msgs/Imu msg object into <paramref name="into"/>.</summary>
    public static void Imu(ReadOnlySpan<byte> msg, ImuBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Span<double> v = stackalloc double[4];
        try
        {
            var r = new Utf8JsonReader(msg, Options);
            StartRoot(ref r, ImuName);
            int seen = 0;
            while (NextProperty(ref r))
            {
                int bit = r.ValueTextEquals("header"u8) ? 0 : r.ValueTextEquals("orientation"u8) ? 1 : r.ValueTextEquals("orientation_covariance"u8) ? 2
                    : r.ValueTextEquals("angular_velocity"u8) ? 3 : r.ValueTextEquals("angular_velocity_covariance"u8) ? 4
                    : r.ValueTextEquals("linear_acceleration"u8) ? 5 : r.ValueTextEquals("linear_acceleration_covariance"u8) ? 6 : -1;
                r.Read();
                switch (bit)
                {
                    case 0:
                        into.Stamp = ReadHeader(ref r, into.FrameId, ImuName);
                        break;
                    case 1:
                        ReadXyzw(ref r, v, 4, ImuName, "orientation");
                        into.Orientation = new Quaternion(v[0], v[1], v[2], v[3]);
                        break;
                    case 2:
                        ReadDoubles(ref r, into.OrientationCovariance, ImuName, "orientation_covariance");
                        break;
                    case 3:
                        ReadXyzw(ref r, v, 3, ImuName, "angular_velocity");
                        into.AngularVelocity = new Vector3(v[0], v[1], v[2]);
                        break;
                    case 4:
                        ReadDoubles(ref r, into.AngularVelocityCovariance, ImuName, "angular_velocity_covariance");
                        break;
                    case 5:
                        ReadXyzw(ref r, v, 3, ImuName, "linear_acceleration");
                        into.LinearAcceleration = new Vector3(v[0], v[1], v[2]);
                        break;
                    case 6:
                        ReadDoubles(ref r, into.LinearAccelerationCovariance, ImuName, "linear_acceleration_covariance");
                        break;
                    default:
                        r.Skip();
                        break;
                }

                seen |= bit < 0 ? 0 : 1 << bit;
            }

            RequireAll(seen, ImuFields.Length, ImuName, ImuFields);
        }
        catch (JsonException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidJson, $"invalid JSON {ImuName}: {e.Message}");
        }
    }

    private static void StartRoot(ref Utf8JsonReader r, string type)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type} wrong type: JSON {r.TokenType}, object expected");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.PropertyName;
    }

    private static void RequireAll(int seen, int fields, string type, string[] names)
    {
        int missing = ~seen & ((1 << fields) - 1);
        if (missing != 0)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.MissingField, $"{type}.{names[int.TrailingZeroCount(missing)]} missing");
        }
    }

    private static RosbridgeFrameException WrongType(string type, string field, JsonTokenType token) =>
        new(RosbridgeFrameError.WrongType, $"{type}.{field} wrong type: JSON {token}");

    private static RosbridgeFrameException Missing(string type, string field) =>
        new(RosbridgeFrameError.MissingField, $"{type}.{field} missing");

    /// <summary>Enters an object value; null counts as missing (as in <see cref="RequiredFields"/>).</summary>
    private static void StartObject(ref Utf8JsonReader r, string type, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            throw Missing(type, field);
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType(type, field, r.TokenType);
        }
    }

    private static double Number(ref Utf8JsonReader r, string type, string field) =>
        NonFinite.TryRead(ref r, out double value) ? value : throw WrongType(type, field, r.TokenType);

    private static long Integer(ref Utf8JsonReader r, string type, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            throw Missing(type, field);
        }

        return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long value) ? value : throw WrongType(type, field, r.TokenType);
    }

    /// <summary>A string into a reused one; escaped text is unescaped into a stack or pooled buffer (no allocation).</summary>
    private static void ReadString(ref Utf8JsonReader r, ReusedString target, string type, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            throw Missing(type, field);
        }

        if (r.TokenType != JsonTokenType.String)
        {
            throw WrongType(type, field, r.TokenType);
        }

        try
        {
            if (!r.ValueIsEscaped)
            {
                target.Set(r.ValueSpan);
                return;
            }

            int length = r.ValueSpan.Length; // unescaped text is never longer than its escaped form
            byte[]? rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
            Span<byte> buffer = rented ?? stackalloc byte[256];
            try
            {
                target.Set(buffer[..r.CopyString(buffer)]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field} is not UTF-8");
        }
    }

    /// <summary>std_msgs/Header: stamp {sec|secs, nanosec|nsecs} and frame_id; returns the stamp.</summary>
    private static RosTime ReadHeader(ref Utf8JsonReader r, ReusedString frameId, string type)
    {
        StartObject(ref r, type, "header");
        int seen = 0;
        RosTime stamp = default;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("stamp"u8))
            {
                r.Read();
                stamp = ReadTime(ref r, type);
                seen |= 1;
            }
            else if (r.ValueTextEquals("frame_id"u8))
            {
                r.Read();
                ReadString(ref r, frameId, type, "header.frame_id");
                seen |= 2;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        RequireAll(seen, 2, type, HeaderFields);
        return stamp;
    }

    private static RosTime ReadTime(ref Utf8JsonReader r, string type)
    {
        StartObject(ref r, type, "header.stamp");
        long sec = 0, nanosec = 0;
        int seen = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("sec"u8) || r.ValueTextEquals("secs"u8))
            {
                r.Read();
                sec = Integer(ref r, type, "header.stamp.sec");
                seen |= 1;
            }
            else if (r.ValueTextEquals("nanosec"u8) || r.ValueTextEquals("nsecs"u8))
            {
                r.Read();
                nanosec = Integer(ref r, type, "header.stamp.nanosec");
                seen |= 2;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        RequireAll(seen, 2, type, StampFields);
        if (sec is < int.MinValue or > int.MaxValue || nanosec is < 0 or > uint.MaxValue)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.header.stamp out of range");
        }

        return new RosTime((int)sec, (uint)nanosec);
    }

    /// <summary>x, y, z (and w when <paramref name="fields"/> is 4) of a Point/Vector3/Quaternion object into <paramref name="values"/>.</summary>
    private static void ReadXyzw(ref Utf8JsonReader r, scoped Span<double> values, int fields, string type, string path)
    {
        StartObject(ref r, type, path);
        int seen = 0;
        while (NextProperty(ref r))
        {
            int bit = r.ValueTextEquals("x"u8) ? 0 : r.ValueTextEquals("y"u8) ? 1 : r.ValueTextEquals("z"u8) ? 2 : r.ValueTextEquals("w"u8) && fields == 4 ? 3 : -1;
            r.Read();
            if (bit < 0)
            {
                r.Skip();
                continue;
            }

            values[bit] = Number(ref r, type, path);
            seen |= 1 << bit;
        }

        int missing = ~seen & ((1 << fields) - 1);
        if (missing != 0)
        {
            throw Missing(type, $"{path}.{XyzwNames[int.TrailingZeroCount(missing)]}");
        }
    }

    /// <summary>geometry_msgs/PoseWithCovariance {pose {position, orientation}, covariance[36]}.</summary>
    private static Pose ReadPoseWithCovariance(ref Utf8JsonReader r, double[] covariance)
    {
        StartObject(ref r, OdometryName, "pose");
        Span<double> p = stackalloc double[4];
        Span<double> q = stackalloc double[4];
        int seen = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("pose"u8))
            {
                r.Read();
                ReadPair(ref r, "pose.pose", p, 3, "position"u8, "pose.pose.position", q, 4, "orientation"u8, "pose.pose.orientation");
                seen |= 1;
            }
            else if (r.ValueTextEquals("covariance"u8))
            {
                r.Read();
                ReadDoubles(ref r, covariance, OdometryName, "pose.covariance");
                seen |= 2;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        RequireAll(seen, 2, OdometryName, PoseWithCovarianceFields);
        return new Pose(new Point(p[0], p[1], p[2]), new Quaternion(q[0], q[1], q[2], q[3]));
    }

    /// <summary>geometry_msgs/TwistWithCovariance {twist {linear, angular}, covariance[36]}.</summary>
    private static Twist ReadTwistWithCovariance(ref Utf8JsonReader r, double[] covariance)
    {
        StartObject(ref r, OdometryName, "twist");
        Span<double> linear = stackalloc double[4];
        Span<double> angular = stackalloc double[4];
        int seen = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("twist"u8))
            {
                r.Read();
                ReadPair(ref r, "twist.twist", linear, 3, "linear"u8, "twist.twist.linear", angular, 3, "angular"u8, "twist.twist.angular");
                seen |= 1;
            }
            else if (r.ValueTextEquals("covariance"u8))
            {
                r.Read();
                ReadDoubles(ref r, covariance, OdometryName, "twist.covariance");
                seen |= 2;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        RequireAll(seen, 2, OdometryName, TwistWithCovarianceFields);
        return new Twist(new Vector3(linear[0], linear[1], linear[2]), new Vector3(angular[0], angular[1], angular[2]));
    }

    /// <summary>An object of two vector members (Pose: position/orientation, Twist: linear/angular), both required.</summary>
    private static void ReadPair(
        ref Utf8JsonReader r,
        string path,
        scoped Span<double> first,
        int firstFields,
        scoped ReadOnlySpan<byte> firstName,
        string firstPath,
        scoped Span<double> second,
        int secondFields,
        scoped ReadOnlySpan<byte> secondName,
        string secondPath)
    {
        StartObject(ref r, OdometryName, path);
        int seen = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(firstName))
            {
                r.Read();
                ReadXyzw(ref r, first, firstFields, OdometryName, firstPath);
                seen |= 1;
            }
            else if (r.ValueTextEquals(secondName))
            {
                r.Read();
                ReadXyzw(ref r, second, secondFields, OdometryName, secondPath);
                seen |= 2;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        if ((seen & 1) == 0)
        {
            throw Missing(OdometryName, firstPath);
        }

        if ((seen & 2) == 0)
        {
            throw Missing(OdometryName, secondPath);
        }
    }

    /// <summary>A fixed-size float64[N] into <paramref name="target"/>; any other length is rejected.</summary>
    private static void ReadDoubles(ref Utf8JsonReader r, scoped Span<double> target, string type, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            throw Missing(type, field);
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw WrongType(type, field, r.TokenType);
        }

        int count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (count == target.Length)
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field}: more than float64[{target.Length}]");
            }

            target[count++] = Number(ref r, type, field);
        }

        if (count != target.Length)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{type}.{field}: {count} elements, float64[{target.Length}] expected");
        }
    }

    /// <summary>float32[] into the scan's ranges or intensities; storage grows (doubling) only by elements present.</summary>
    private static void ReadFloats(ref Utf8JsonReader r, LaserScanBuffer into, bool ranges)
    {
        string field = ranges ? "ranges" : "intensities";
        if (r.TokenType == JsonTokenType.Null)
        {
            throw Missing(LaserScanName, field);
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw WrongType(LaserScanName, field, r.TokenType);
        }

        float[] storage = ranges ? into.RangesStorage : into.IntensitiesStorage;
        int count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (count == storage.Length)
            {
                Array.Resize(ref storage, Math.Max(16, storage.Length * 2));
            }

            storage[count++] = (float)Number(ref r, LaserScanName, field);
        }

        if (ranges)
        {
            into.RangesStorage = storage;
            into.RangeCount = count;
        }
        else
        {
            into.IntensitiesStorage = storage;
            into.IntensityCount = count;
        }
    }
}
