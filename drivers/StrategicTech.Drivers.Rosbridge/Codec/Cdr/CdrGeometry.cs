using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>CDR layouts of builtin_interfaces, std_msgs/Header and geometry_msgs, field by field in .msg order.</summary>
internal static class CdrGeometry
{
    public static void WriteTime(CdrWriter w, RosTime t)
    {
        w.WriteInt32(t.Sec);
        w.WriteUInt32(t.Nanosec);
    }

    public static RosTime ReadTime(ref CdrReader r) => new(r.ReadInt32("stamp.sec"), r.ReadUInt32("stamp.nanosec"));

    public static void WriteHeader(CdrWriter w, Header h)
    {
        WriteTime(w, h.Stamp);
        w.WriteString(h.FrameId);
    }

    public static Header ReadHeader(ref CdrReader r)
    {
        RosTime stamp = ReadTime(ref r);
        return new Header(stamp, r.ReadString("header.frame_id"));
    }

    public static void WriteVector3(CdrWriter w, Vector3 v)
    {
        w.WriteDouble(v.X);
        w.WriteDouble(v.Y);
        w.WriteDouble(v.Z);
    }

    public static Vector3 ReadVector3(ref CdrReader r) => new(r.ReadDouble("vector3.x"), r.ReadDouble("vector3.y"), r.ReadDouble("vector3.z"));

    public static void WritePoint(CdrWriter w, Point p)
    {
        w.WriteDouble(p.X);
        w.WriteDouble(p.Y);
        w.WriteDouble(p.Z);
    }

    public static Point ReadPoint(ref CdrReader r) => new(r.ReadDouble("point.x"), r.ReadDouble("point.y"), r.ReadDouble("point.z"));

    public static void WriteQuaternion(CdrWriter w, Quaternion q)
    {
        w.WriteDouble(q.X);
        w.WriteDouble(q.Y);
        w.WriteDouble(q.Z);
        w.WriteDouble(q.W);
    }

    public static Quaternion ReadQuaternion(ref CdrReader r) =>
        new(r.ReadDouble("quaternion.x"), r.ReadDouble("quaternion.y"), r.ReadDouble("quaternion.z"), r.ReadDouble("quaternion.w"));

    public static void WritePose(CdrWriter w, Pose p)
    {
        WritePoint(w, p.Position);
        WriteQuaternion(w, p.Orientation);
    }

    public static Pose ReadPose(ref CdrReader r)
    {
        Point position = ReadPoint(ref r);
        return new Pose(position, ReadQuaternion(ref r));
    }

    public static void WriteTwist(CdrWriter w, Twist t)
    {
        WriteVector3(w, t.Linear);
        WriteVector3(w, t.Angular);
    }

    public static Twist ReadTwist(ref CdrReader r)
    {
        Vector3 linear = ReadVector3(ref r);
        return new Twist(linear, ReadVector3(ref r));
    }

    public static void WritePoseStamped(CdrWriter w, PoseStamped p)
    {
        WriteHeader(w, p.Header);
        WritePose(w, p.Pose);
    }

    public static PoseStamped ReadPoseStamped(ref CdrReader r)
    {
        Header header = ReadHeader(ref r);
        return new PoseStamped(header, ReadPose(ref r));
    }

    public static void WritePoseWithCovariance(CdrWriter w, PoseWithCovariance p)
    {
        WritePose(w, p.Pose);
        w.WriteDoubleArray(p.Covariance, 36);
    }

    public static PoseWithCovariance ReadPoseWithCovariance(ref CdrReader r)
    {
        Pose pose = ReadPose(ref r);
        return new PoseWithCovariance(pose, r.ReadDoubleArray(36, "pose.covariance"));
    }

    public static void WritePoseWithCovarianceStamped(CdrWriter w, PoseWithCovarianceStamped p)
    {
        WriteHeader(w, p.Header);
        WritePoseWithCovariance(w, p.Pose);
    }

    public static PoseWithCovarianceStamped ReadPoseWithCovarianceStamped(ref CdrReader r)
    {
        Header header = ReadHeader(ref r);
        return new PoseWithCovarianceStamped(header, ReadPoseWithCovariance(ref r));
    }

    public static void WriteTwistWithCovariance(CdrWriter w, TwistWithCovariance t)
    {
        WriteTwist(w, t.Twist);
        w.WriteDoubleArray(t.Covariance, 36);
    }

    public static TwistWithCovariance ReadTwistWithCovariance(ref CdrReader r)
    {
        Twist twist = ReadTwist(ref r);
        return new TwistWithCovariance(twist, r.ReadDoubleArray(36, "twist.covariance"));
    }

    public static void WriteTransformStamped(CdrWriter w, TransformStamped t)
    {
        WriteHeader(w, t.Header);
        w.WriteString(t.ChildFrameId);
        WriteVector3(w, t.Transform.Translation);
        WriteQuaternion(w, t.Transform.Rotation);
    }

    public static TransformStamped ReadTransformStamped(ref CdrReader r)
    {
        Header header = ReadHeader(ref r);
        string child = r.ReadString("child_frame_id");
        Vector3 translation = ReadVector3(ref r);
        return new TransformStamped(header, child, new Transform(translation, ReadQuaternion(ref r)));
    }
}
