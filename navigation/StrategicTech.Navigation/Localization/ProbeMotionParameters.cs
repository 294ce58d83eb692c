namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Parameters of <see cref="ProbeMotionPlanner"/>: the candidate probing moves (turn in place to one of
/// <see cref="Directions"/> headings, then drive straight one of <see cref="DistanceSteps"/> distances from
/// <see cref="MinDistanceM"/> to <see cref="MaxDistanceM"/>), the clearance each must keep under every hypothesis and
/// from the live scan, and the expected-range model that rates how much a move would tell the hypotheses apart.
/// <see cref="Validate"/> names the first bad field.
/// </summary>
public sealed record ProbeMotionParameters
{
    /// <summary>Headings (evenly spaced over 360°, relative to the robot's) a probe may drive along.</summary>
    public int Directions { get; init; } = 16;

    /// <summary>Shortest probe translation (m): shorter moves change the view too little to separate look-alike aisles.</summary>
    public double MinDistanceM { get; init; } = 0.5;

    /// <summary>Longest probe translation (m).</summary>
    public double MaxDistanceM { get; init; } = 2.0;

    /// <summary>Distances tried per heading, evenly from the shortest to the longest.</summary>
    public int DistanceSteps { get; init; } = 4;

    /// <summary>Robot radius (m): the footprint swept along the move is a disc of this radius.</summary>
    public double RobotRadiusM { get; init; } = 0.11;

    /// <summary>Clearance (m) the swept footprint keeps from every mapped obstacle under every hypothesis, beyond the radius.</summary>
    public double MapClearanceM { get; init; } = 0.15;

    /// <summary>Clearance (m) the swept footprint keeps from every live scan return (people, unmapped things), beyond the radius.</summary>
    public double ScanClearanceM { get; init; } = 0.2;

    /// <summary>Beams (evenly over 360°) cast on the map from each hypothesis' end pose to predict its scan.</summary>
    public int PredictedBeams { get; init; } = 90;

    /// <summary>Range (m) of the predicted beams: a beam through this much known free space predicts no return.</summary>
    public double RangeMaxM { get; init; } = 12.0;

    /// <summary>
    /// A predicted-range difference counts up to this much (m): a beam that hits a rack under one hypothesis and the
    /// far wall under another separates them, however far the wall.
    /// </summary>
    public double RangeDifferenceCapM { get; init; } = 1.0;

    /// <summary>Score given up per metre of probe, so that of two about equally telling moves the shorter is driven.</summary>
    public double LengthPenaltyPerM { get; init; } = 0.01;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        Require(Directions is >= 1 and <= 360, nameof(Directions), "must be in 1..360");
        Require(MinDistanceM is > 0 and <= 10, nameof(MinDistanceM), "must be in (0, 10] m");
        Require(MaxDistanceM >= MinDistanceM && MaxDistanceM <= 10, nameof(MaxDistanceM), "must be in MinDistanceM..10 m");
        Require(DistanceSteps is >= 1 and <= 100, nameof(DistanceSteps), "must be in 1..100");
        Require(RobotRadiusM is > 0 and < 5, nameof(RobotRadiusM), "must be in (0, 5) m");
        Require(MapClearanceM is >= 0 and < 5, nameof(MapClearanceM), "must be in [0, 5) m");
        Require(ScanClearanceM is >= 0 and < 5, nameof(ScanClearanceM), "must be in [0, 5) m");
        Require(PredictedBeams is >= 4 and <= 4096, nameof(PredictedBeams), "must be in 4..4096");
        Require(RangeMaxM is > 0 and <= 100, nameof(RangeMaxM), "must be in (0, 100] m");
        Require(RangeDifferenceCapM is > 0 and <= 100, nameof(RangeDifferenceCapM), "must be in (0, 100] m");
        Require(LengthPenaltyPerM is >= 0 and < 1, nameof(LengthPenaltyPerM), "must be in [0, 1)");
    }

    private static void Require(bool ok, string field, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field} {rule}", field);
        }
    }
}
