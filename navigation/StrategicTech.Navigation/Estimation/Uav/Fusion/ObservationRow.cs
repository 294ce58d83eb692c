namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>Helpers for sparse observation rows kept on the stack.</summary>
internal static class ObservationRow
{
    /// <summary>Test ratio innovation^2 / (gate^2 * S).</summary>
    public static double TestRatio(double innovation, double innovationVariance, double gateSd) =>
        innovation * innovation / (gateSd * gateSd * innovationVariance);

    /// <summary>Angle wrapped to [-pi, pi].</summary>
    public static double WrapPi(double angleRad) => Math.IEEERemainder(angleRad, 2 * Math.PI);
}
