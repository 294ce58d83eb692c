using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Gyro bias from a still vehicle: the mean angular rate over the window is the bias (the earth's rotation,
/// 7.3e-5 rad/s, is below what consumer gyros resolve and is left in it, as PX4 does). The window is refused when the
/// vehicle moved: a per-axis standard deviation above <paramref name="maxStdRadps"/> means the rates are not noise
/// around a constant.
/// </summary>
public static class GyroBiasCalibration
{
    /// <summary>Default motion threshold: a few times a consumer MEMS gyro's noise at 1 kHz (~0.005 rad/s).</summary>
    public const double DefaultMaxStdRadps = 0.02;

    /// <summary>Minimum samples for a bias estimate.</summary>
    public const int MinSamples = 100;

    public static GyroBiasResult Solve(in VectorStatistics ratesRadps, double maxStdRadps = DefaultMaxStdRadps)
    {
        if (ratesRadps.Count < MinSamples)
        {
            return GyroBiasResult.Failure(CalibrationProblem.TooFewSamples, ratesRadps.MaxStandardDeviation);
        }

        double std = ratesRadps.MaxStandardDeviation;
        if (!double.IsFinite(std) || std > maxStdRadps)
        {
            return GyroBiasResult.Failure(CalibrationProblem.Motion, std);
        }

        return new GyroBiasResult(CalibrationProblem.None, ratesRadps.Mean, std);
    }
}

/// <summary>Gyro bias (rad/s, sensor frame) and the largest per-axis rate standard deviation seen in the window.</summary>
public readonly record struct GyroBiasResult(CalibrationProblem Problem, Vector3 BiasRadps, double MaxStdRadps)
{
    public bool Succeeded => Problem == CalibrationProblem.None;

    internal static GyroBiasResult Failure(CalibrationProblem problem, double std) => new(problem, Vector3.Zero, std);
}
