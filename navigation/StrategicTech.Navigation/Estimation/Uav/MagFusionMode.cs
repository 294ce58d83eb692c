namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>How the magnetometer is used.</summary>
public enum MagFusionMode
{
    /// <summary>Tilt-compensated heading only; magnetic field states are frozen (robust to body-fixed disturbances).</summary>
    Heading,

    /// <summary>All three axes; earth field and body bias states are estimated.</summary>
    ThreeAxis,

    /// <summary>
    /// As PX4's automatic selection: heading on the ground (field states frozen), three axes in the air, with the
    /// earth field re-aligned to the measurement when three-axis fusion starts.
    /// </summary>
    Auto,
}
