namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>Angle wrapping for yaw states and innovations.</summary>
public static class AmrAngle
{
    /// <summary>Wraps to (-pi, pi].</summary>
    public static double Wrap(double angleRad)
    {
        if (angleRad > -Math.PI && angleRad <= Math.PI)
        {
            return angleRad;
        }

        double wrapped = Math.IEEERemainder(angleRad, 2 * Math.PI);
        return wrapped <= -Math.PI ? wrapped + (2 * Math.PI) : wrapped;
    }
}
