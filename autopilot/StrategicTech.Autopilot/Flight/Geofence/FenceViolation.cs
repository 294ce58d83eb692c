namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>Which fence rule a position breaks (several may hold at once).</summary>
[Flags]
public enum FenceViolation
{
    None = 0,

    /// <summary>Outside every inclusion polygon and circle (when there is at least one).</summary>
    OutsideInclusion = 1,

    /// <summary>Inside an exclusion polygon or circle.</summary>
    InsideExclusion = 2,

    /// <summary>Higher above home than GF_MAX_VER_DIST.</summary>
    AboveMaxAltitude = 4,

    /// <summary>Farther from home horizontally than GF_MAX_HOR_DIST.</summary>
    BeyondMaxDistance = 8,
}
