using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Binds a changed <see cref="ParameterStore"/> to the flight modes and the cascade's stages (PX4's parameter update
/// in each module): a cheap version compare when nothing changed, so the host may call it every update. A controller
/// whose values did not change is left untouched (its filters keep their state). All or nothing: a table that breaks a
/// cross-parameter rule binds nothing and throws. Allocates only on a change.
/// </summary>
public sealed class FlightParameterBinder
{
    private readonly MulticopterCascade _cascade;
    private long _boundVersion = -1;

    public FlightParameterBinder(MulticopterCascade cascade)
    {
        ArgumentNullException.ThrowIfNull(cascade);
        _cascade = cascade;
    }

    /// <summary>
    /// The flight parameters of <paramref name="store"/> when its version changed since the last call (the cascade's
    /// stages already configured), null when nothing changed. Throws <see cref="ParameterException"/> or
    /// <see cref="ArgumentException"/> when the table is refused; that version is then not tried again.
    /// </summary>
    public FlightParameters? Bind(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Version == _boundVersion)
        {
            return null;
        }

        _boundVersion = store.Version;
        FlightParameters flight = FlightParameterDefinitions.Bind(store);
        PositionControllerParameters position = MulticopterControlParameters.Position(store);
        VelocityControllerParameters velocity = MulticopterControlParameters.Velocity(store);
        ThrustAttitudeParameters thrust = MulticopterControlParameters.ThrustAttitude(store);
        AttitudeControllerParameters attitude = MulticopterControlParameters.Attitude(store);
        RateControllerParameters rate = MulticopterControlParameters.Rate(store);
        if (!position.Equals(_cascade.Position.Parameters))
        {
            _cascade.Position.Configure(position);
        }

        if (!velocity.Equals(_cascade.Velocity.Parameters))
        {
            _cascade.Velocity.Configure(velocity);
        }

        if (!thrust.Equals(_cascade.ThrustAttitude.Parameters))
        {
            _cascade.ThrustAttitude.Configure(thrust);
        }

        if (!attitude.Equals(_cascade.Attitude.Parameters))
        {
            _cascade.Attitude.Configure(attitude);
        }

        if (!rate.Equals(_cascade.Rate.Parameters))
        {
            _cascade.Rate.Configure(rate);
        }

        return flight;
    }
}
