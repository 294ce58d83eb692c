namespace StrategicTech.Autopilot.Flight;

/// <summary>POSITION_TARGET_TYPEMASK bits (MAVLink common.xml): a set bit means the field is ignored.</summary>
public static class OffboardTypeMask
{
    public const ushort IgnoreX = 1;
    public const ushort IgnoreY = 2;
    public const ushort IgnoreZ = 4;
    public const ushort IgnoreVx = 8;
    public const ushort IgnoreVy = 16;
    public const ushort IgnoreVz = 32;
    public const ushort IgnoreAx = 64;
    public const ushort IgnoreAy = 128;
    public const ushort IgnoreAz = 256;
    public const ushort ForceSet = 512;
    public const ushort IgnoreYaw = 1024;
    public const ushort IgnoreYawRate = 2048;

    public const ushort IgnorePosition = IgnoreX | IgnoreY | IgnoreZ;
    public const ushort IgnoreVelocity = IgnoreVx | IgnoreVy | IgnoreVz;
    public const ushort IgnoreAcceleration = IgnoreAx | IgnoreAy | IgnoreAz;
}
