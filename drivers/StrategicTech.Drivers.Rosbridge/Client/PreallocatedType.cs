using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// A ROS type that decodes in place, in each of the three encodings a publish arrives in (JSON text, CBOR,
/// cbor-raw CDR), into a reusable <typeparamref name="TBuffer"/>; see <see cref="PreallocatedTypes"/>.
/// </summary>
public abstract class PreallocatedType<TBuffer>
    where TBuffer : class, IPreallocatedMessage
{
    private protected PreallocatedType(string name) => Name = name;

    /// <summary>The ROS interface name (e.g. <c>nav_msgs/msg/Odometry</c>).</summary>
    public string Name { get; }

    /// <summary>A fresh buffer (called only when a subscription preallocates its slots).</summary>
    public abstract TBuffer Create();

    internal abstract void DecodeJson(ReadOnlySpan<byte> msg, TBuffer into);

    internal abstract void DecodeCbor(CborInto cbor, ReadOnlyMemory<byte> msg, TBuffer into);

    /// <summary>Throws <see cref="CdrFormatException"/> on a malformed serialization.</summary>
    internal abstract void DecodeCdr(ReadOnlySpan<byte> serialized, TBuffer into);
}

/// <summary>The preallocated types the AMR intake uses.</summary>
public static class PreallocatedTypes
{
    public static PreallocatedType<OdometryBuffer> Odometry { get; } = new OdometryType();

    public static PreallocatedType<ImuBuffer> Imu { get; } = new ImuType();

    /// <summary>sensor_msgs/LaserScan with storage for <paramref name="beamCapacity"/> beams per slot (a larger scan grows it once).</summary>
    public static PreallocatedType<LaserScanBuffer> LaserScan(int beamCapacity = 360) => new LaserScanType(beamCapacity);

    private sealed class LaserScanType(int beamCapacity) : PreallocatedType<LaserScanBuffer>("sensor_msgs/msg/LaserScan")
    {
        public override LaserScanBuffer Create() => new(beamCapacity);

        internal override void DecodeJson(ReadOnlySpan<byte> msg, LaserScanBuffer into) => JsonInto.LaserScan(msg, into);

        internal override void DecodeCbor(CborInto cbor, ReadOnlyMemory<byte> msg, LaserScanBuffer into) => cbor.LaserScan(msg, into);

        internal override void DecodeCdr(ReadOnlySpan<byte> serialized, LaserScanBuffer into) => CdrInto.LaserScan(serialized, into);
    }

    private sealed class OdometryType() : PreallocatedType<OdometryBuffer>("nav_msgs/msg/Odometry")
    {
        public override OdometryBuffer Create() => new();

        internal override void DecodeJson(ReadOnlySpan<byte> msg, OdometryBuffer into) => JsonInto.Odometry(msg, into);

        internal override void DecodeCbor(CborInto cbor, ReadOnlyMemory<byte> msg, OdometryBuffer into) => cbor.Odometry(msg, into);

        internal override void DecodeCdr(ReadOnlySpan<byte> serialized, OdometryBuffer into) => CdrInto.Odometry(serialized, into);
    }

    private sealed class ImuType() : PreallocatedType<ImuBuffer>("sensor_msgs/msg/Imu")
    {
        public override ImuBuffer Create() => new();

        internal override void DecodeJson(ReadOnlySpan<byte> msg, ImuBuffer into) => JsonInto.Imu(msg, into);

        internal override void DecodeCbor(CborInto cbor, ReadOnlyMemory<byte> msg, ImuBuffer into) => cbor.Imu(msg, into);

        internal override void DecodeCdr(ReadOnlySpan<byte> serialized, ImuBuffer into) => CdrInto.Imu(serialized, into);
    }
}
