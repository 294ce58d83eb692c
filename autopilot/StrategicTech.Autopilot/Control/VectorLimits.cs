using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>Saturation helpers that keep a vector's direction while limiting its size.</summary>
public static class VectorLimits
{
    /// <summary>Scales the horizontal (X, Y) part down to at most <paramref name="maxNorm"/>, direction kept; Z unchanged.</summary>
    public static Vector3 LimitHorizontal(Vector3 v, double maxNorm)
    {
        double n2 = (v.X * v.X) + (v.Y * v.Y);
        if (n2 <= maxNorm * maxNorm)
        {
            return v;
        }

        double s = maxNorm / Math.Sqrt(n2);
        return new Vector3(v.X * s, v.Y * s, v.Z);
    }

    /// <summary>Clamps the down (NED Z) component to [−<paramref name="maxUp"/>, <paramref name="maxDown"/>].</summary>
    public static Vector3 LimitVertical(Vector3 v, double maxUp, double maxDown) =>
        new(v.X, v.Y, Math.Clamp(v.Z, -maxUp, maxDown));

    /// <summary>Horizontal length of <paramref name="v"/>.</summary>
    public static double HorizontalLength(Vector3 v) => Math.Sqrt((v.X * v.X) + (v.Y * v.Y));
}
