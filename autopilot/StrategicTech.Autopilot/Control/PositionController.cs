using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Position loop: proportional on NED position error plus a velocity feed-forward, limited to the horizontal speed
/// (direction kept) and to separate climb and descent speeds. Stateless, so it cannot wind up.
/// </summary>
public sealed class PositionController
{
    private PositionControllerParameters _parameters;

    public PositionController(PositionControllerParameters parameters) => Configure(parameters);

    public PositionControllerParameters Parameters => _parameters;

    public void Configure(PositionControllerParameters value)
    {
        value.Validate();
        _parameters = value;
    }

    /// <summary>Calls refused because an input was not finite (zero velocity returned).</summary>
    public long NonFiniteInputCount { get; private set; }

    /// <summary>Velocity setpoint (NED m/s) that drives <paramref name="positionNedM"/> to <paramref name="positionSetpointNedM"/>.</summary>
    public Vector3 Update(Vector3 positionSetpointNedM, Vector3 positionNedM, Vector3 velocityFeedForwardNedMps)
    {
        if (!positionSetpointNedM.IsFinite || !positionNedM.IsFinite || !velocityFeedForwardNedMps.IsFinite)
        {
            NonFiniteInputCount++;
            return Vector3.Zero;
        }

        Vector3 errorM = positionSetpointNedM - positionNedM;
        var velocityNedMps = new Vector3(
            (errorM.X * _parameters.HorizontalGainPerS) + velocityFeedForwardNedMps.X,
            (errorM.Y * _parameters.HorizontalGainPerS) + velocityFeedForwardNedMps.Y,
            (errorM.Z * _parameters.VerticalGainPerS) + velocityFeedForwardNedMps.Z);
        velocityNedMps = VectorLimits.LimitHorizontal(velocityNedMps, _parameters.MaxHorizontalSpeedMps);
        return VectorLimits.LimitVertical(velocityNedMps, _parameters.MaxUpSpeedMps, _parameters.MaxDownSpeedMps);
    }
}
