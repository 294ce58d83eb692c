using StrategicTech.Autopilot.Control.Filters;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Velocity loop: PID on the NED velocity error → kinematic acceleration setpoint (NED m/s², gravity not included).
/// The D term acts on the low-passed derivative of the measured velocity (no kick on setpoint steps). The integrator
/// is clamped and frozen on any axis whose output is saturated in the direction the error would push it further.
/// </summary>
public sealed class VelocityController
{
    private VelocityControllerParameters _parameters;
    private FirstOrderLowPass3 _derivativeFilter;
    private Vector3 _integralMps2;
    private Vector3 _previousVelocityNedMps;
    private bool _hasPrevious;

    public VelocityController(VelocityControllerParameters parameters)
    {
        parameters.Validate();
        _parameters = parameters;
        _derivativeFilter = new FirstOrderLowPass3(parameters.DerivativeCutoffHz);
    }

    public VelocityControllerParameters Parameters => _parameters;

    /// <summary>Integrator state (NED m/s²); on a hovering vehicle its Z part absorbs the hover-thrust error.</summary>
    public Vector3 IntegralMps2 => _integralMps2;

    /// <summary>Calls refused because an input was not finite (zero acceleration returned, state untouched).</summary>
    public long NonFiniteInputCount { get; private set; }

    /// <summary>True when the last output was limited (horizontal norm or vertical bound).</summary>
    public bool IsSaturated { get; private set; }

    /// <summary>Changes gains at start-up or between flights (allocates a filter: not for the loop).</summary>
    public void Configure(VelocityControllerParameters value)
    {
        value.Validate();
        _parameters = value;
        _derivativeFilter = new FirstOrderLowPass3(value.DerivativeCutoffHz);
        _hasPrevious = false;
    }

    /// <summary>Clears the integrator and derivative history (e.g. on arming or mode entry).</summary>
    public void Reset(Vector3 integralMps2 = default)
    {
        _integralMps2 = integralMps2;
        _derivativeFilter.Reset();
        _hasPrevious = false;
    }

    /// <summary>Acceleration setpoint (NED m/s²) for one step of <paramref name="dtS"/> seconds.</summary>
    public Vector3 Update(
        Vector3 velocitySetpointNedMps,
        Vector3 velocityNedMps,
        Vector3 accelerationFeedForwardNedMps2,
        double dtS)
    {
        if (!velocitySetpointNedMps.IsFinite || !velocityNedMps.IsFinite || !accelerationFeedForwardNedMps2.IsFinite || !double.IsFinite(dtS))
        {
            // Zero acceleration is hover: the safest answer, and the integrator stays clean.
            NonFiniteInputCount++;
            return Vector3.Zero;
        }

        Vector3 errorMps = velocitySetpointNedMps - velocityNedMps;
        Vector3 measuredAccelerationMps2 = _hasPrevious && dtS > 0
            ? _derivativeFilter.Apply((velocityNedMps - _previousVelocityNedMps) / dtS, dtS)
            : _derivativeFilter.Value;
        _previousVelocityNedMps = velocityNedMps;
        _hasPrevious = true;

        double kpH = _parameters.HorizontalProportionalPerS, kdH = _parameters.HorizontalDerivative;
        double kpV = _parameters.VerticalProportionalPerS, kdV = _parameters.VerticalDerivative;
        var unlimited = new Vector3(
            (kpH * errorMps.X) + _integralMps2.X - (kdH * measuredAccelerationMps2.X) + accelerationFeedForwardNedMps2.X,
            (kpH * errorMps.Y) + _integralMps2.Y - (kdH * measuredAccelerationMps2.Y) + accelerationFeedForwardNedMps2.Y,
            (kpV * errorMps.Z) + _integralMps2.Z - (kdV * measuredAccelerationMps2.Z) + accelerationFeedForwardNedMps2.Z);

        Vector3 limited = VectorLimits.LimitHorizontal(unlimited, _parameters.MaxHorizontalAccelerationMps2);
        limited = VectorLimits.LimitVertical(limited, _parameters.MaxUpAccelerationMps2, _parameters.MaxDownAccelerationMps2);
        bool horizontalSaturated = limited.X != unlimited.X || limited.Y != unlimited.Y;
        bool verticalSaturated = limited.Z != unlimited.Z;
        IsSaturated = horizontalSaturated || verticalSaturated;

        if (dtS > 0)
        {
            Integrate(errorMps, unlimited, horizontalSaturated, verticalSaturated, dtS);
        }

        return limited;
    }

    private void Integrate(Vector3 errorMps, Vector3 unlimited, bool horizontalSaturated, bool verticalSaturated, double dtS)
    {
        double kiH = _parameters.HorizontalIntegralPerS2, kiV = _parameters.VerticalIntegralPerS2;

        // Freeze an axis only when integrating would deepen the saturation; unwinding is always allowed.
        double ix = _integralMps2.X, iy = _integralMps2.Y, iz = _integralMps2.Z;
        if (!(horizontalSaturated && errorMps.X * unlimited.X > 0))
        {
            ix += kiH * errorMps.X * dtS;
        }

        if (!(horizontalSaturated && errorMps.Y * unlimited.Y > 0))
        {
            iy += kiH * errorMps.Y * dtS;
        }

        if (!(verticalSaturated && errorMps.Z * unlimited.Z > 0))
        {
            iz += kiV * errorMps.Z * dtS;
        }

        var integral = VectorLimits.LimitHorizontal(new Vector3(ix, iy, 0), _parameters.HorizontalIntegratorLimitMps2);
        double limitV = _parameters.VerticalIntegratorLimitMps2;
        _integralMps2 = new Vector3(integral.X, integral.Y, Math.Clamp(iz, -limitV, limitV));
    }
}
