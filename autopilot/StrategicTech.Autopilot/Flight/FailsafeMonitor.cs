namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Decides, once per position update, whether a failsafe must take the vehicle out of its mode, and into which
/// mode. Conditions are checked in priority order and the first that holds wins: manual input lost in a manual mode
/// (action NAV_RCL_ACT: Land, Hold, or Return when home is set, Land otherwise; none when the action is None), then
/// offboard setpoints lost in Offboard (Hold with a position, Land without), then a geofence breach (GF_ACTION: Hold,
/// Return — Land without home —, Land, or Terminate; None and Warning take no mode). The commander applies the decision
/// (records the kind, announces it, enters the mode).
/// <para>
/// Extension point: a new condition (battery, geofence, data-link loss, estimator failure) is one more check in
/// <see cref="Evaluate"/>, placed at its priority, returning its <see cref="FailsafeKind"/>, target mode and text;
/// the inputs it needs go into <see cref="FailsafeInputs"/>. No allocation (the texts are literals).
/// </para>
/// </summary>
public sealed class FailsafeMonitor
{
    public FailsafeDecision Evaluate(in FailsafeInputs inputs, FlightParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bool manualMode = inputs.Mode is FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position;
        if (manualMode && !inputs.ManualFresh && parameters.ManualLossAction != FailsafeAction.None)
        {
            FlightMode target = parameters.ManualLossAction switch
            {
                FailsafeAction.Land => FlightMode.Land,
                FailsafeAction.Hold => FlightMode.Hold,
                _ => inputs.HomeSet ? FlightMode.ReturnToLaunch : FlightMode.Land,
            };
            return new FailsafeDecision(FailsafeKind.ManualInputLost, target, "Failsafe: manual input lost");
        }

        if (inputs.Mode == FlightMode.Offboard && !inputs.OffboardFresh)
        {
            return new FailsafeDecision(FailsafeKind.OffboardLost, inputs.HasPosition ? FlightMode.Hold : FlightMode.Land, "Failsafe: offboard setpoints lost");
        }

        if (inputs.GeofenceBreached)
        {
            return GeofenceDecision(inputs, parameters.GeofenceAction);
        }

        return FailsafeDecision.None;
    }

    /// <summary>GF_ACTION when a breach begins (the input is an edge, so a pilot may take over while still outside, as in PX4).</summary>
    private static FailsafeDecision GeofenceDecision(in FailsafeInputs inputs, Flight.Geofence.GeofenceAction action)
    {
        const string text = "Failsafe: geofence breached";
        FlightMode target = action switch
        {
            Flight.Geofence.GeofenceAction.Hold => FlightMode.Hold,
            Flight.Geofence.GeofenceAction.ReturnToLaunch => inputs.HomeSet ? FlightMode.ReturnToLaunch : FlightMode.Land,
            _ => FlightMode.Land,
        };
        return action switch
        {
            Flight.Geofence.GeofenceAction.None or Flight.Geofence.GeofenceAction.Warning => FailsafeDecision.None,
            Flight.Geofence.GeofenceAction.Terminate => new FailsafeDecision(FailsafeKind.GeofenceBreach, FlightMode.Land, "Failsafe: geofence breached, flight terminated", Terminate: true),
            _ => new FailsafeDecision(FailsafeKind.GeofenceBreach, target, text),
        };
    }
}
