using System.Text;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>
/// Allocation-free CDR decoding (the cbor-raw payload) into preallocated messages: same layouts and checks as
/// <see cref="CdrMessages"/>, but strings are compared with the previous value and arrays are filled in place.
/// </summary>
public static class CdrInto
{
    /// <summary>Decodes a serialized sensor_msgs/LaserScan into <paramref name="into"/>; throws <see cref="CdrFormatException"/> on malformation.</summary>
    public static void LaserScan(ReadOnlySpan<byte> serialized, LaserScanBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var r = CdrReader.Create(serialized);
        into.Stamp = CdrGeometry.ReadTime(ref r);
        SetString(into.FrameId, r.ReadStringBytes("header.frame_id"), "header.frame_id");
        into.AngleMin = r.ReadSingle("angle_min");
        into.AngleMax = r.ReadSingle("angle_max");
        into.AngleIncrement = r.ReadSingle("angle_increment");
        into.TimeIncrement = r.ReadSingle("time_increment");
        into.ScanTime = r.ReadSingle("scan_time");
        into.RangeMin = r.ReadSingle("range_min");
        into.RangeMax = r.ReadSingle("range_max");
        r.ReadSinglesInto(into.PrepareRanges(r.ReadSequenceCount(4, "ranges")), "ranges");
        r.ReadSinglesInto(into.PrepareIntensities(r.ReadSequenceCount(4, "intensities")), "intensities");
        r.EnsureEnd();
    }

    /// <summary>Decodes a serialized nav_msgs/Odometry into <paramref name="into"/>.</summary>
    public static void Odometry(ReadOnlySpan<byte> serialized, OdometryBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var r = CdrReader.Create(serialized);
        into.Stamp = CdrGeometry.ReadTime(ref r);
        SetString(into.FrameId, r.ReadStringBytes("header.frame_id"), "header.frame_id");
        SetString(into.ChildFrameId, r.ReadStringBytes("child_frame_id"), "child_frame_id");
        into.Pose = CdrGeometry.ReadPose(ref r);
        r.ReadDoublesInto(into.PoseCovariance, "pose.covariance");
        into.Twist = CdrGeometry.ReadTwist(ref r);
        r.ReadDoublesInto(into.TwistCovariance, "twist.covariance");
        r.EnsureEnd();
    }

    /// <summary>Decodes a serialized sensor_msgs/Imu into <paramref name="into"/>.</summary>
    public static void Imu(ReadOnlySpan<byte> serialized, ImuBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var r = CdrReader.Create(serialized);
        into.Stamp = CdrGeometry.ReadTime(ref r);
        SetString(into.FrameId, r.ReadStringBytes("header.frame_id"), "header.frame_id");
        into.Orientation = CdrGeometry.ReadQuaternion(ref r);
        r.ReadDoublesInto(into.OrientationCovariance, "orientation_covariance");
        into.AngularVelocity = CdrGeometry.ReadVector3(ref r);
        r.ReadDoublesInto(into.AngularVelocityCovariance, "angular_velocity_covariance");
        into.LinearAcceleration = CdrGeometry.ReadVector3(ref r);
        r.ReadDoublesInto(into.LinearAccelerationCovariance, "linear_acceleration_covariance");
        r.EnsureEnd();
    }

    private static void SetString(ReusedString target, ReadOnlySpan<byte> utf8, string field)
    {
        try
        {
            target.Set(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new CdrFormatException($"CDR: string '{field}' is not UTF-8", e);
        }
    }
}
