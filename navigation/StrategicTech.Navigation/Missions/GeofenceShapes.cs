namespace StrategicTech.Navigation.Missions;

/// <summary>A latitude/longitude pair in degrees (WGS84).</summary>
public readonly record struct LatLonDeg(double LatitudeDeg, double LongitudeDeg);

/// <summary>
/// A vertical band in metres (same reference as the mission's altitudes, normally relative to home). A .plan
/// geofence has no band; <see cref="Unbounded"/> then means "from the ground to space".
/// </summary>
public readonly record struct AltitudeBand(double FloorM, double CeilingM)
{
    public static AltitudeBand Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    public bool IsUnbounded => double.IsNegativeInfinity(FloorM) && double.IsPositiveInfinity(CeilingM);
}

/// <summary>A fence polygon: inclusion (the vehicle must stay inside) or exclusion (it must stay outside).</summary>
public sealed record GeofencePolygon(IReadOnlyList<LatLonDeg> Vertices, bool IsInclusion, AltitudeBand Band);

/// <summary>A fence circle of radius <see cref="RadiusM"/> metres about <see cref="Center"/>.</summary>
public sealed record GeofenceCircle(LatLonDeg Center, double RadiusM, bool IsInclusion, AltitudeBand Band);

/// <summary>A geofence: any number of inclusion/exclusion polygons and circles, and optionally its return point.</summary>
public sealed record Geofence(IReadOnlyList<GeofencePolygon> Polygons, IReadOnlyList<GeofenceCircle> Circles)
{
    public static Geofence Empty { get; } = new([], []);

    /// <summary>
    /// The fence's return point (MAV_CMD_NAV_FENCE_RETURN_POINT, 5000): where PX4 and ArduPilot send a vehicle that
    /// breached the fence; kept as a rally/return point. Null when the fence has none. Not part of <see cref="IsEmpty"/>.
    /// </summary>
    public RallyPoint? ReturnPoint { get; init; }

    public bool IsEmpty => Polygons.Count == 0 && Circles.Count == 0;
}

/// <summary>A rally (safe landing / return) point; altitude in metres relative to home unless the source says otherwise.</summary>
public readonly record struct RallyPoint(double LatitudeDeg, double LongitudeDeg, double AltitudeM, double BreakAltitudeM = double.NaN, double LandDirectionDeg = double.NaN, int Flags = 0);
