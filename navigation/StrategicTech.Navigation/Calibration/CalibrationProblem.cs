namespace StrategicTech.Navigation.Calibration;

/// <summary>Why a calibration solve was refused (<see cref="None"/>: it succeeded).</summary>
public enum CalibrationProblem
{
    None,

    /// <summary>The vehicle moved while it had to be still.</summary>
    Motion,

    /// <summary>Not enough samples for the solve.</summary>
    TooFewSamples,

    /// <summary>The gravity vector matched no axis-aligned orientation, or a side was measured twice.</summary>
    Orientation,

    /// <summary>The equations were singular or the fitted surface was not an ellipsoid.</summary>
    Singular,

    /// <summary>The samples did not cover enough directions (magnetometer).</summary>
    Coverage,

    /// <summary>The fitted model leaves residuals above the threshold.</summary>
    PoorFit,

    /// <summary>The result is outside the plausible range (offset or scale too large).</summary>
    OutOfRange,
}
