namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What the <see cref="FailsafeMonitor"/> judges at one position update: the mode, whether the pilot's sticks and
/// the offboard setpoints are fresh (within COM_RC_LOSS_T / COM_OF_LOSS_T), and whether a position and a home exist
/// for the recovery modes, and whether a geofence breach began at this update (<c>GeofenceMonitor.Breached</c> in the air, rising edge).
/// </summary>
public readonly record struct FailsafeInputs(FlightMode Mode, bool ManualFresh, bool OffboardFresh, bool HasPosition, bool HomeSet, bool GeofenceBreached = false);
