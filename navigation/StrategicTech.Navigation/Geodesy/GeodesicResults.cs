namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// Solution of the inverse geodesic problem on the WGS84 ellipsoid: the shortest path length and the azimuths
/// (clockwise from true north, in (−π, π]) at its start and end. The final bearing is the direction of travel on
/// arrival, so the back azimuth is the final bearing + π.
/// </summary>
public readonly record struct GeodesicInverse(double DistanceM, double InitialBearingRad, double FinalBearingRad)
{
    /// <summary>Arc length on the auxiliary sphere (rad), useful to spot near-antipodal pairs (≈ π).</summary>
    public double ArcRad { get; init; }
}

/// <summary>Solution of the direct geodesic problem: where a geodesic of given start, azimuth and length ends.</summary>
public readonly record struct GeodesicDirect(GeodeticPosition Destination, double FinalBearingRad);
