using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// A snapshot of the vehicle's command-level state, read without allocation (a struct copy). Counters are monotonic
/// so an observer polling at any rate detects every event: a MISSION_ITEM_REACHED for each increment of
/// <see cref="ReachedCount"/> (the newest is <see cref="LastReachedIndex"/>; when several happened between two polls
/// the indices of the missed ones are in <see cref="ReachedItems"/>), a STATUSTEXT for each sequence up to <see cref="StatusTextCount"/> (read them from
/// <see cref="StatusTexts"/>). Positions are in the autopilot's local NED frame (the estimator origin).
/// </summary>
public readonly struct VehicleStatus
{
    /// <summary>Autopilot time of the snapshot (µs).</summary>
    public long TimeUs { get; init; }

    public bool Armed { get; init; }

    public FlightMode Mode { get; init; }

    /// <summary>The land detector's stage (EXTENDED_SYS_STATE.landed_state: on ground when Landed; takeoff/landing from the mode).</summary>
    public LandState LandState { get; init; }

    /// <summary>True once home was taken (at the first arming).</summary>
    public bool HomeSet { get; init; }

    /// <summary>Home as latitude/longitude/height (height in the estimator origin's datum).</summary>
    public GeodeticPosition HomeGeodetic { get; init; }

    /// <summary>Home in the local NED frame (m).</summary>
    public Vector3 HomeNedM { get; init; }

    /// <summary>Items of the current mission (0 when none).</summary>
    public int MissionItemCount { get; init; }

    /// <summary>Index of the item being flown (or next to fly); = <see cref="MissionItemCount"/> once finished.</summary>
    public int MissionCurrentIndex { get; init; }

    /// <summary>Grows by one whenever a new mission replaces the old (MISSION_ACK / mission_current changes).</summary>
    public int MissionVersion { get; init; }

    /// <summary>Number of MISSION_ITEM_REACHED events so far (monotonic over the vehicle's life).</summary>
    public long ReachedCount { get; init; }

    /// <summary>Index of the most recently reached item (−1 before any).</summary>
    public int LastReachedIndex { get; init; }

    /// <summary>The newest reached events with their item indices (a shared reference: read with <see cref="ReachedItemLog.TryGet"/>).</summary>
    public ReachedItemLog ReachedItems { get; init; }

    /// <summary>The last item of the current mission completed.</summary>
    public bool MissionFinished { get; init; }

    /// <summary>Items skipped (unsupported command, unusable frame) in the current mission.</summary>
    public int MissionSkippedCount { get; init; }

    /// <summary>Why the last arming request was refused (<see cref="ArmingDenial.None"/> after a successful arm).</summary>
    public ArmingDenial LastArmingDenial { get; init; }

    /// <summary>Status texts announced so far (the sequence number of the newest).</summary>
    public long StatusTextCount { get; init; }

    /// <summary>The ring of the newest status texts (a shared reference: read with <see cref="StatusTextLog.TryGet"/>).</summary>
    public StatusTextLog StatusTexts { get; init; }

    /// <summary>The last failsafe taken (none: <see cref="FailsafeKind.None"/>).</summary>
    public FailsafeKind LastFailsafe { get; init; }

    /// <summary>Bit (1 &lt;&lt; <see cref="FailsafeKind"/>) per failsafe condition active now (judged armed and disarmed).</summary>
    public uint ActiveFailsafes { get; init; }

    /// <summary>The action of the most severe active condition (None when none): HEARTBEAT's CRITICAL / EMERGENCY.</summary>
    public FailsafeAction ActiveFailsafeAction { get; init; }
}
