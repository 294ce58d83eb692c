using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>
/// CDR codecs of the ROS 2 message types the stack exchanges (field order and types of the ROS 2 .msg files).
/// Types without a codec here (std_srvs, the reduced UInt8MultiArray, our Rotate action) are not subscribed raw.
/// </summary>
public static class CdrMessages
{
    // Smallest wire size of one element of a message sequence, used to bound a count before allocating:
    // a Header is at least sec + nanosec + string length = 12 bytes.
    private const int MinHeaderBytes = 12;

    public static CdrCodec<Twist> Twist { get; } = new(CdrGeometry.WriteTwist, CdrGeometry.ReadTwist);

    public static CdrCodec<PoseStamped> PoseStamped { get; } = new(CdrGeometry.WritePoseStamped, CdrGeometry.ReadPoseStamped);

    public static CdrCodec<PoseWithCovarianceStamped> PoseWithCovarianceStamped { get; } =
        new(CdrGeometry.WritePoseWithCovarianceStamped, CdrGeometry.ReadPoseWithCovarianceStamped);

    public static CdrCodec<Odometry> Odometry { get; } = new(WriteOdometry, ReadOdometry);

    public static CdrCodec<LaserScan> LaserScan { get; } = new(WriteLaserScan, ReadLaserScan);

    public static CdrCodec<Imu> Imu { get; } = new(WriteImu, ReadImu);

    public static CdrCodec<BatteryState> BatteryState { get; } = new(WriteBatteryState, ReadBatteryState);

    public static CdrCodec<OccupancyGrid> OccupancyGrid { get; } = new(WriteOccupancyGrid, ReadOccupancyGrid);

    public static CdrCodec<NavPath> Path { get; } = new(WritePath, ReadPath);

    public static CdrCodec<TfMessage> TfMessage { get; } = new(WriteTf, ReadTf);

    public static CdrCodec<StringMessage> String { get; } =
        new((w, m) => w.WriteString(m.Data), (ref CdrReader r) => new StringMessage(r.ReadString("data")));

    public static CdrCodec<BoolMessage> Bool { get; } =
        new((w, m) => w.WriteBoolean(m.Data), (ref CdrReader r) => new BoolMessage(r.ReadBoolean("data")));

    public static CdrCodec<Float64Message> Float64 { get; } =
        new((w, m) => w.WriteDouble(m.Data), (ref CdrReader r) => new Float64Message(r.ReadDouble("data")));

    public static CdrCodec<Int32Message> Int32 { get; } =
        new((w, m) => w.WriteInt32(m.Data), (ref CdrReader r) => new Int32Message(r.ReadInt32("data")));

    public static CdrCodec<GoalStatus> GoalStatus { get; } = new(WriteGoalStatus, ReadGoalStatus);

    private static void WriteOdometry(CdrWriter w, Odometry m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        w.WriteString(m.ChildFrameId);
        CdrGeometry.WritePoseWithCovariance(w, m.Pose);
        CdrGeometry.WriteTwistWithCovariance(w, m.Twist);
    }

    private static Odometry ReadOdometry(ref CdrReader r)
    {
        Header header = CdrGeometry.ReadHeader(ref r);
        string child = r.ReadString("child_frame_id");
        PoseWithCovariance pose = CdrGeometry.ReadPoseWithCovariance(ref r);
        return new Odometry(header, child, pose, CdrGeometry.ReadTwistWithCovariance(ref r));
    }

    private static void WriteLaserScan(CdrWriter w, LaserScan m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        w.WriteSingle(m.AngleMin);
        w.WriteSingle(m.AngleMax);
        w.WriteSingle(m.AngleIncrement);
        w.WriteSingle(m.TimeIncrement);
        w.WriteSingle(m.ScanTime);
        w.WriteSingle(m.RangeMin);
        w.WriteSingle(m.RangeMax);
        w.WriteSingleSequence(m.Ranges);
        w.WriteSingleSequence(m.Intensities);
    }

    private static LaserScan ReadLaserScan(ref CdrReader r) => new(
        CdrGeometry.ReadHeader(ref r),
        r.ReadSingle("angle_min"),
        r.ReadSingle("angle_max"),
        r.ReadSingle("angle_increment"),
        r.ReadSingle("time_increment"),
        r.ReadSingle("scan_time"),
        r.ReadSingle("range_min"),
        r.ReadSingle("range_max"),
        r.ReadSingleSequence("ranges"),
        r.ReadSingleSequence("intensities"));

    private static void WriteImu(CdrWriter w, Imu m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        CdrGeometry.WriteQuaternion(w, m.Orientation);
        w.WriteDoubleArray(m.OrientationCovariance, 9);
        CdrGeometry.WriteVector3(w, m.AngularVelocity);
        w.WriteDoubleArray(m.AngularVelocityCovariance, 9);
        CdrGeometry.WriteVector3(w, m.LinearAcceleration);
        w.WriteDoubleArray(m.LinearAccelerationCovariance, 9);
    }

    private static Imu ReadImu(ref CdrReader r) => new(
        CdrGeometry.ReadHeader(ref r),
        CdrGeometry.ReadQuaternion(ref r),
        r.ReadDoubleArray(9, "orientation_covariance"),
        CdrGeometry.ReadVector3(ref r),
        r.ReadDoubleArray(9, "angular_velocity_covariance"),
        CdrGeometry.ReadVector3(ref r),
        r.ReadDoubleArray(9, "linear_acceleration_covariance"));

    private static void WriteBatteryState(CdrWriter w, BatteryState m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        w.WriteSingle(m.Voltage);
        w.WriteSingle(m.Temperature);
        w.WriteSingle(m.Current);
        w.WriteSingle(m.Charge);
        w.WriteSingle(m.Capacity);
        w.WriteSingle(m.DesignCapacity);
        w.WriteSingle(m.Percentage);
        w.WriteByte(m.PowerSupplyStatus);
        w.WriteByte(m.PowerSupplyHealth);
        w.WriteByte(m.PowerSupplyTechnology);
        w.WriteBoolean(m.Present);
        w.WriteSingleSequence(m.CellVoltage);
        w.WriteSingleSequence(m.CellTemperature);
        w.WriteString(m.Location);
        w.WriteString(m.SerialNumber);
    }

    private static BatteryState ReadBatteryState(ref CdrReader r) => new(
        CdrGeometry.ReadHeader(ref r),
        r.ReadSingle("voltage"),
        r.ReadSingle("temperature"),
        r.ReadSingle("current"),
        r.ReadSingle("charge"),
        r.ReadSingle("capacity"),
        r.ReadSingle("design_capacity"),
        r.ReadSingle("percentage"),
        r.ReadByte("power_supply_status"),
        r.ReadByte("power_supply_health"),
        r.ReadByte("power_supply_technology"),
        r.ReadBoolean("present"),
        r.ReadSingleSequence("cell_voltage"),
        r.ReadSingleSequence("cell_temperature"),
        r.ReadString("location"),
        r.ReadString("serial_number"));

    private static void WriteOccupancyGrid(CdrWriter w, OccupancyGrid m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        CdrGeometry.WriteTime(w, m.Info.MapLoadTime);
        w.WriteSingle(m.Info.Resolution);
        w.WriteUInt32(m.Info.Width);
        w.WriteUInt32(m.Info.Height);
        CdrGeometry.WritePose(w, m.Info.Origin);
        w.WriteSByteSequence(m.Data);
    }

    private static OccupancyGrid ReadOccupancyGrid(ref CdrReader r)
    {
        Header header = CdrGeometry.ReadHeader(ref r);
        var info = new MapMetaData(CdrGeometry.ReadTime(ref r), r.ReadSingle("info.resolution"), r.ReadUInt32("info.width"), r.ReadUInt32("info.height"), CdrGeometry.ReadPose(ref r));
        return new OccupancyGrid(header, info, r.ReadSByteSequence("data"));
    }

    private static void WritePath(CdrWriter w, NavPath m)
    {
        CdrGeometry.WriteHeader(w, m.Header);
        w.WriteStructSequence(m.Poses, CdrGeometry.WritePoseStamped);
    }

    private static NavPath ReadPath(ref CdrReader r)
    {
        Header header = CdrGeometry.ReadHeader(ref r);
        var poses = new PoseStamped[r.ReadStructSequenceCount(MinHeaderBytes + (7 * 8), "poses")];
        for (int i = 0; i < poses.Length; i++)
        {
            poses[i] = CdrGeometry.ReadPoseStamped(ref r);
        }

        return new NavPath(header, poses);
    }

    private static void WriteTf(CdrWriter w, TfMessage m) => w.WriteStructSequence(m.Transforms, CdrGeometry.WriteTransformStamped);

    private static TfMessage ReadTf(ref CdrReader r)
    {
        var transforms = new TransformStamped[r.ReadStructSequenceCount(MinHeaderBytes + 4 + (7 * 8), "transforms")];
        for (int i = 0; i < transforms.Length; i++)
        {
            transforms[i] = CdrGeometry.ReadTransformStamped(ref r);
        }

        return new TfMessage(transforms);
    }

    private static void WriteGoalStatus(CdrWriter w, GoalStatus m)
    {
        w.WriteByteArray(m.GoalInfo.GoalId.Uuid, 16);
        CdrGeometry.WriteTime(w, m.GoalInfo.Stamp);
        w.WriteSByte(m.Status);
    }

    private static GoalStatus ReadGoalStatus(ref CdrReader r)
    {
        var id = new GoalUuid(r.ReadByteArray(16, "goal_info.goal_id.uuid"));
        RosTime stamp = CdrGeometry.ReadTime(ref r);
        return new GoalStatus(new GoalInfo(id, stamp), r.ReadSByte("status"));
    }
}
