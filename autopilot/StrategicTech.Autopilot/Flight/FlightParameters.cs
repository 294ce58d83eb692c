namespace StrategicTech.Autopilot.Flight;

/// <summary>Speeds and tolerances of the autonomous modes (PX4 analogues: MPC_TKO_SPEED, MPC_XY_CRUISE, MPC_LAND_SPEED, NAV_ACC_RAD).</summary>
public sealed record FlightParameters
{
    public double TakeoffSpeedMps { get; init => field = Check(value, 0.1, 10, nameof(TakeoffSpeedMps)); } = 1.5;

    public double CruiseSpeedMps { get; init => field = Check(value, 0.1, 30, nameof(CruiseSpeedMps)); } = 5.0;

    public double LandSpeedMps { get; init => field = Check(value, 0.1, 5, nameof(LandSpeedMps)); } = 0.7;

    /// <summary>
    /// Final descent speed below <see cref="LandCrawlHeightM"/> above home: a gentle touchdown keeps the impact
    /// inside the accelerometer's range, so the estimator's vertical velocity survives it.
    /// </summary>
    public double LandCrawlSpeedMps { get; init => field = Check(value, 0.05, 5, nameof(LandCrawlSpeedMps)); } = 0.3;

    public double LandCrawlHeightM { get; init => field = Check(value, 0, 50, nameof(LandCrawlHeightM)); } = 2.0;

    /// <summary>Distance from the target at which a takeoff or goto counts as reached.</summary>
    public double AcceptanceRadiusM { get; init => field = Check(value, 0.05, 100, nameof(AcceptanceRadiusM)); } = 0.5;

    /// <summary>Collective thrust that hovers (MPC_THR_HOVER), used by the land detector.</summary>
    public double HoverThrust { get; init => field = Check(value, 0.05, 0.95, nameof(HoverThrust)); } = 0.5;

    private static double Check(double value, double min, double max, string name) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be within [{min}, {max}]");
}
