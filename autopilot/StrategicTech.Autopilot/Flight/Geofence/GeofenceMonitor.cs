using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using FenceShapes = StrategicTech.Navigation.Missions.Geofence;

namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>
/// The vehicle's geofence judge, once per position update on the estimate: <see cref="Breached"/> (the position
/// breaks a rule now: inclusion/exclusion shapes, GF_MAX_VER_DIST above home, GF_MAX_HOR_DIST from home) feeds the
/// failsafe (GF_ACTION); <see cref="PredictedBreach"/> (GF_PREDICT: the position is allowed but the point where the
/// vehicle would stop when braking at MPC_ACC_HOR from its velocity — or from a commanded velocity — after
/// <see cref="ResponseDelayS"/> at its present velocity, is not) makes
/// the commander stop before the boundary. The shapes are projected into the estimator origin's frame when the fence
/// is set or the origin changes (allocates then); <see cref="Update"/> allocates nothing.
/// </summary>
public sealed class GeofenceMonitor
{
    /// <summary>Added to the braking distance: the hold point is this far short of the predicted breach.</summary>
    public const double PredictionMarginM = 1.5;

    /// <summary>
    /// How long the vehicle keeps its velocity before the braking the projection assumes begins (s): one 20 ms
    /// position cycle until the next judgement (a breach predicted between two updates is seen up to one cycle's
    /// travel late) and about one more until the hold setpoint turns the vehicle around (measured in
    /// <c>failsafes/goto_fence_breach</c>: 0.22 m past the v²/2a hold point from 8 m/s, 0.028 s of travel).
    /// Without it the stop came up to ~0.4 m nearer than <see cref="PredictionMarginM"/> at 8 m/s.
    /// </summary>
    public const double ResponseDelayS = 0.05;

    private FenceShapes _fence = FenceShapes.Empty;
    private RallyPoint[] _rally = [];

    // Without shapes or rally points nothing depends on the origin: the estimator's first origin allocates nothing.
    private readonly ReturnRoute _straightHome = new();
    private GeofenceArea? _area;
    private bool _haveFrame;
    private GeodeticPosition _origin;

    public GeofenceMonitor() => Route = _straightHome;

    /// <summary>The fence shapes now enforced (empty: only the altitude and distance limits).</summary>
    public FenceShapes Fence => _fence;

    /// <summary>The shapes in the local frame (null before an estimator origin exists or without shapes).</summary>
    public GeofenceArea? Area => _area;

    /// <summary>The rally points (the return goes to the nearest when it is nearer than home).</summary>
    public IReadOnlyList<RallyPoint> RallyPoints => _rally;

    /// <summary>The return's destination and fence-aware path, rebuilt with the fence, the rally points and the origin.</summary>
    public ReturnRoute Route { get; private set; }

    /// <summary>Rules the last judged position broke.</summary>
    public FenceViolation Violation { get; private set; }

    public bool Breached => Violation != FenceViolation.None;

    /// <summary>Rules the predicted stop point breaks while the position itself is allowed.</summary>
    public FenceViolation PredictedViolation { get; private set; }

    public bool PredictedBreach => PredictedViolation != FenceViolation.None;

    /// <summary>Replaces the shapes (start-up or fence upload; allocates the local projection).</summary>
    public void SetFence(FenceShapes fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        _fence = fence;
        _area = _haveFrame && !fence.IsEmpty ? new GeofenceArea(fence, new LocalNedFrame(_origin)) : null;
        Route = _haveFrame && (!fence.IsEmpty || _rally.Length > 0) ? new ReturnRoute(fence, _rally, new LocalNedFrame(_origin)) : _straightHome;
    }

    /// <summary>Replaces the rally points (start-up or rally upload; allocates).</summary>
    public void SetRallyPoints(IReadOnlyList<RallyPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _rally = [.. points];
        SetFence(_fence);
    }

    /// <summary>Projects the shapes into the estimator's frame when its origin is new (allocates only then).</summary>
    public void SetOrigin(GeodeticPosition origin)
    {
        if (_haveFrame && origin == _origin)
        {
            return;
        }

        _haveFrame = true;
        _origin = origin;
        SetFence(_fence);
    }

    /// <summary>
    /// Judges the position and the stop points of <paramref name="velocityNedMps"/> and of
    /// <paramref name="commandedVelocityNedMps"/> (pass zero when none).
    /// </summary>
    public void Update(Vector3 positionNedM, Vector3 velocityNedMps, Vector3 commandedVelocityNedMps, Vector3 homeNedM, FlightParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Violation = Judge(positionNedM, homeNedM, parameters);
        PredictedViolation = FenceViolation.None;
        if (Violation != FenceViolation.None || !parameters.GeofencePredict)
        {
            return;
        }

        double a = parameters.BrakeAccelerationMps2;
        // Horizontally only: the vertical hold acts on the altitude the vehicle has, and GF_MAX_VER_DIST keeps its own margin.
        Vector3 aheadNedM = positionNedM + (new Vector3(velocityNedMps.X, velocityNedMps.Y, 0) * ResponseDelayS);
        PredictedViolation = Judge(BrakingProjection.StopPointNedM(aheadNedM, velocityNedMps, a, PredictionMarginM), homeNedM, parameters)
            | Judge(BrakingProjection.StopPointNedM(aheadNedM, commandedVelocityNedMps, a, PredictionMarginM), homeNedM, parameters);
    }

    /// <summary>The rules a position breaks (shapes only once an origin exists).</summary>
    public FenceViolation Judge(Vector3 positionNedM, Vector3 homeNedM, FlightParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        FenceViolation v = GeofenceArea.CheckLimits(positionNedM, homeNedM, parameters.GeofenceMaxHeightM, parameters.GeofenceMaxDistanceM);
        return _area is null ? v : v | _area.CheckShapes(new(positionNedM.X, positionNedM.Y));
    }

    /// <summary>A short reason for a status text (literals: no allocation).</summary>
    public static string Describe(FenceViolation v) =>
        (v & FenceViolation.InsideExclusion) != 0 ? "exclusion zone"
        : (v & FenceViolation.OutsideInclusion) != 0 ? "inclusion boundary"
        : (v & FenceViolation.AboveMaxAltitude) != 0 ? "maximum altitude"
        : (v & FenceViolation.BeyondMaxDistance) != 0 ? "maximum distance"
        : "none";
}
