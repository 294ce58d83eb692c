using StrategicTech.Autopilot.Control.Filters;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Body-rate PID → normalised torque demand in [−1, 1] per axis. P on the rate error, D on the low-passed derivative
/// of the measured rate (no kick on setpoint steps), feed-forward on the setpoint. The integrator is clamped to its
/// limit, frozen on an axis in the direction the mixer reports saturated, and integrates less for large errors
/// (fast manoeuvres should not charge it).
/// </summary>
public sealed class RateController
{
    // Errors above this rate (rad/s) barely charge the integrator: factor 1 − (e / e0)², floored at 0.
    private const double IntegratorErrorScaleRadps = 400.0 * Math.PI / 180.0;

    private RateControllerParameters _parameters;
    private BiquadLowPass3 _derivativeFilter;
    private Vector3 _integral;
    private Vector3 _previousRateRadps;
    private bool _hasPrevious;

    public RateController(RateControllerParameters parameters)
    {
        parameters.Validate();
        _parameters = parameters;
        _derivativeFilter = new BiquadLowPass3(parameters.DerivativeCutoffHz);
    }

    public RateControllerParameters Parameters => _parameters;

    /// <summary>Integrator state in normalised torque.</summary>
    public Vector3 Integral => _integral;

    /// <summary>Calls refused because an input was not finite (zero torque returned, state untouched).</summary>
    public long NonFiniteInputCount { get; private set; }

    /// <summary>Changes gains at start-up or between flights (allocates a filter: not for the loop).</summary>
    public void Configure(RateControllerParameters value)
    {
        value.Validate();
        _parameters = value;
        _derivativeFilter = new BiquadLowPass3(value.DerivativeCutoffHz);
        _hasPrevious = false;
    }

    public void Reset()
    {
        _integral = Vector3.Zero;
        _derivativeFilter.Reset();
        _hasPrevious = false;
    }

    /// <summary>
    /// Torque demand for one step of <paramref name="dtS"/> seconds. <paramref name="saturation"/> is the mixer's
    /// status from the previous step.
    /// </summary>
    public Vector3 Update(Vector3 rateSetpointRadps, Vector3 rateRadps, double dtS, SaturationStatus saturation)
    {
        if (!rateSetpointRadps.IsFinite || !rateRadps.IsFinite || !double.IsFinite(dtS))
        {
            // A bad sample must not poison the integrator or the filter for the rest of the flight.
            NonFiniteInputCount++;
            return Vector3.Zero;
        }

        Vector3 errorRadps = rateSetpointRadps - rateRadps;
        Vector3 rateDerivative = Vector3.Zero;
        if (_hasPrevious && dtS > 0)
        {
            rateDerivative = _derivativeFilter.Apply((rateRadps - _previousRateRadps) / dtS, dtS);
        }

        _previousRateRadps = rateRadps;
        _hasPrevious = true;

        Vector3 torque = Vector3.Scale(_parameters.Proportional, errorRadps)
            + _integral
            - Vector3.Scale(_parameters.Derivative, rateDerivative)
            + Vector3.Scale(_parameters.FeedForward, rateSetpointRadps);

        if (dtS > 0)
        {
            // Saturated means either the mixer could not deliver the previous demand or this output is clipped to ±1.
            _integral = new Vector3(
                IntegrateAxis(_integral.X, errorRadps.X, _parameters.Integral.X, _parameters.IntegratorLimit.X, Saturated(saturation.Roll, torque.X), dtS),
                IntegrateAxis(_integral.Y, errorRadps.Y, _parameters.Integral.Y, _parameters.IntegratorLimit.Y, Saturated(saturation.Pitch, torque.Y), dtS),
                IntegrateAxis(_integral.Z, errorRadps.Z, _parameters.Integral.Z, _parameters.IntegratorLimit.Z, Saturated(saturation.Yaw, torque.Z), dtS));
        }

        return new Vector3(Math.Clamp(torque.X, -1, 1), Math.Clamp(torque.Y, -1, 1), Math.Clamp(torque.Z, -1, 1));
    }

    private static int Saturated(int mixer, double torque) => mixer != 0 ? mixer : torque > 1.0 ? 1 : torque < -1.0 ? -1 : 0;

    private static double IntegrateAxis(double value, double errorRadps, double gain, double limit, int saturated, double dtS)
    {
        // Freeze in the saturated direction only; unwinding stays possible.
        if ((saturated > 0 && errorRadps > 0) || (saturated < 0 && errorRadps < 0))
        {
            return value;
        }

        double ratio = errorRadps / IntegratorErrorScaleRadps;
        double factor = Math.Max(0.0, 1.0 - (ratio * ratio));
        return Math.Clamp(value + (gain * factor * errorRadps * dtS), -limit, limit);
    }
}
