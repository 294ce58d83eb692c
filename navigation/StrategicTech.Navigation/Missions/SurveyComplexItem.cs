namespace StrategicTech.Navigation.Missions;

/// <summary>
/// QGroundControl's camera calculation for a transect-style item. For a known camera the sensor, image and lens
/// fields are set; for "Manual (no camera specs)" they are NaN and only the adjusted footprints are meaningful.
/// QGC stores the adjusted footprints already reduced by the overlaps: side = transect spacing, frontal = trigger
/// distance, both in metres.
/// </summary>
public sealed record SurveyCameraCalc(
    string CameraName,
    double DistanceToSurfaceM,
    bool DistanceToSurfaceRelative,
    double AdjustedFootprintSideM,
    double AdjustedFootprintFrontalM,
    double SensorWidthMm,
    double SensorHeightMm,
    double ImageWidthPx,
    double ImageHeightPx,
    double FocalLengthMm,
    double FrontalOverlapPercent,
    double SideOverlapPercent,
    bool Landscape)
{
    public bool HasCameraSpecs => double.IsFinite(SensorWidthMm) && double.IsFinite(FocalLengthMm) && FocalLengthMm > 0;
}

/// <summary>
/// A QGroundControl "survey" complex item: a polygon to photograph in parallel transects at <see cref="AngleDeg"/>
/// (transect heading, degrees clockwise from north), with its camera calculation and the mission items QGC
/// pre-computed (<see cref="Items"/>, sequence numbers as in the file's doJumpId).
/// </summary>
public sealed record SurveyComplexItem(
    int Version,
    IReadOnlyList<LatLonDeg> Polygon,
    double AngleDeg,
    double TurnAroundDistanceM,
    int EntryLocation,
    bool FlyAlternateTransects,
    bool SplitConcavePolygons,
    bool CameraTriggerInTurnAround,
    bool HoverAndCapture,
    bool Refly90Degrees,
    bool FollowTerrain,
    int CameraShots,
    SurveyCameraCalc Camera,
    IReadOnlyList<LatLonDeg> VisualTransectPoints,
    IReadOnlyList<MissionItem> Items);
