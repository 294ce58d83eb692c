namespace StrategicTech.Navigation.Localization;

/// <summary>A planar pose: position in metres in its frame, yaw in radians CCW from the frame's +x.</summary>
public readonly record struct Pose2D(double XM, double YM, double YawRad)
{
    /// <summary>This pose followed by <paramref name="local"/> expressed in this pose's frame (a ⊕ b).</summary>
    public Pose2D Compose(Pose2D local)
    {
        var cos = Math.Cos(YawRad);
        var sin = Math.Sin(YawRad);
        return new Pose2D(
            XM + (cos * local.XM) - (sin * local.YM),
            YM + (sin * local.XM) + (cos * local.YM),
            WrapPi(YawRad + local.YawRad));
    }

    /// <summary>The inverse transform (⊖a), so that <c>a.Compose(a.Inverse())</c> is the identity.</summary>
    public Pose2D Inverse()
    {
        var cos = Math.Cos(YawRad);
        var sin = Math.Sin(YawRad);
        return new Pose2D(-((cos * XM) + (sin * YM)), (sin * XM) - (cos * YM), WrapPi(-YawRad));
    }

    /// <summary><paramref name="to"/> expressed in this pose's frame (⊖a ⊕ b): the odometry delta between two poses.</summary>
    public Pose2D Between(Pose2D to) => Inverse().Compose(to);

    /// <summary>Wraps an angle to (-π, π].</summary>
    public static double WrapPi(double angleRad)
    {
        var wrapped = Math.IEEERemainder(angleRad, 2.0 * Math.PI);
        return wrapped <= -Math.PI ? wrapped + (2.0 * Math.PI) : wrapped;
    }
}
