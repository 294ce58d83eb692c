using System.Globalization;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Boards;

/// <summary>
/// How a sensor is mounted: body = R(roll, pitch, yaw) · sensor, with R = Rz(yaw)·Ry(pitch)·Rx(roll) as in PX4's
/// rotation table. Named rotations follow PX4's spelling, e.g. ROTATION_NONE, ROTATION_YAW_90,
/// ROTATION_ROLL_180_YAW_270, ROTATION_PITCH_180 (any ROLL_/PITCH_/YAW_ parts in that order, whole degrees).
/// </summary>
public readonly record struct SensorRotation(double RollDeg, double PitchDeg, double YawDeg)
{
    public static SensorRotation None => default;

    /// <summary>The rotation matrix taking sensor axes into the body frame.</summary>
    public Matrix3 SensorToBody() =>
        Quaternion.FromEuler(RollDeg * Math.PI / 180.0, PitchDeg * Math.PI / 180.0, YawDeg * Math.PI / 180.0).ToRotationMatrix();

    /// <summary>Parses a PX4-style name; false when it is not one.</summary>
    public static bool TryParse(string name, out SensorRotation rotation)
    {
        rotation = default;
        if (name == "ROTATION_NONE")
        {
            return true;
        }

        const string prefix = "ROTATION_";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = name[prefix.Length..].Split('_');
        if (parts.Length % 2 != 0 || parts.Length == 0)
        {
            return false;
        }

        double roll = 0, pitch = 0, yaw = 0;
        int order = 0;
        for (int i = 0; i < parts.Length; i += 2)
        {
            if (!int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int degrees) || degrees >= 360)
            {
                return false;
            }

            int axisOrder = parts[i] switch { "ROLL" => 1, "PITCH" => 2, "YAW" => 3, _ => 0 };
            if (axisOrder <= order)
            {
                return false; // unknown axis, repeated axis, or out of PX4's roll-pitch-yaw order
            }

            order = axisOrder;
            switch (axisOrder)
            {
                case 1: roll = degrees; break;
                case 2: pitch = degrees; break;
                default: yaw = degrees; break;
            }
        }

        rotation = new SensorRotation(roll, pitch, yaw);
        return true;
    }
}
