namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Velocity PID gains (acceleration per velocity error, PX4 MPC_XY_VEL_*_ACC / MPC_Z_VEL_*_ACC), integrator and output
/// limits and the cutoff of the low-pass on the measured-velocity derivative used by the D term.
/// </summary>
public readonly record struct VelocityControllerParameters(
    double HorizontalProportionalPerS,
    double HorizontalIntegralPerS2,
    double HorizontalDerivative,
    double VerticalProportionalPerS,
    double VerticalIntegralPerS2,
    double VerticalDerivative,
    double HorizontalIntegratorLimitMps2,
    double VerticalIntegratorLimitMps2,
    double MaxHorizontalAccelerationMps2,
    double MaxUpAccelerationMps2,
    double MaxDownAccelerationMps2,
    double DerivativeCutoffHz)
{
    public static VelocityControllerParameters Default => new(
        HorizontalProportionalPerS: 3.0,
        HorizontalIntegralPerS2: 0.8,
        HorizontalDerivative: 0.2,
        VerticalProportionalPerS: 4.0,
        VerticalIntegralPerS2: 2.0,
        VerticalDerivative: 0.0,
        HorizontalIntegratorLimitMps2: 3.0,
        VerticalIntegratorLimitMps2: 5.0,
        MaxHorizontalAccelerationMps2: 5.0,
        MaxUpAccelerationMps2: 4.0,
        MaxDownAccelerationMps2: 3.0,
        DerivativeCutoffHz: 5.0);

    public void Validate()
    {
        const string owner = nameof(VelocityControllerParameters);
        ParameterCheck.InRange(HorizontalProportionalPerS, 0, 20, owner, nameof(HorizontalProportionalPerS));
        ParameterCheck.InRange(HorizontalIntegralPerS2, 0, 20, owner, nameof(HorizontalIntegralPerS2));
        ParameterCheck.InRange(HorizontalDerivative, 0, 5, owner, nameof(HorizontalDerivative));
        ParameterCheck.InRange(VerticalProportionalPerS, 0, 30, owner, nameof(VerticalProportionalPerS));
        ParameterCheck.InRange(VerticalIntegralPerS2, 0, 30, owner, nameof(VerticalIntegralPerS2));
        ParameterCheck.InRange(VerticalDerivative, 0, 5, owner, nameof(VerticalDerivative));
        ParameterCheck.InRange(HorizontalIntegratorLimitMps2, 0, 20, owner, nameof(HorizontalIntegratorLimitMps2));
        ParameterCheck.InRange(VerticalIntegratorLimitMps2, 0, 20, owner, nameof(VerticalIntegratorLimitMps2));
        ParameterCheck.InRange(MaxHorizontalAccelerationMps2, 0.5, 30, owner, nameof(MaxHorizontalAccelerationMps2));
        ParameterCheck.InRange(MaxUpAccelerationMps2, 0.5, 30, owner, nameof(MaxUpAccelerationMps2));
        ParameterCheck.InRange(MaxDownAccelerationMps2, 0.5, 9.8, owner, nameof(MaxDownAccelerationMps2));
        ParameterCheck.InRange(DerivativeCutoffHz, 0, 200, owner, nameof(DerivativeCutoffHz));
    }
}
