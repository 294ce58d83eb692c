using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Plan;

/// <summary>
/// A survey in a <see cref="PlanDocument"/>: the QGroundControl "survey" complex item (polygon, transect angle, camera
/// calculation with spacing and trigger distance) and where its generated items sit in the document
/// (<see cref="FirstIndex"/>, <see cref="Count"/> items). A .plan writes it back as one ComplexItem.
/// </summary>
public sealed record PlanSurvey(SurveyComplexItem Survey, int FirstIndex, int Count)
{
    public int EndIndex => FirstIndex + Count;

    /// <summary>Transect spacing, metres (QGroundControl's AdjustedFootprintSide).</summary>
    public double LineSpacingM => Survey.Camera.AdjustedFootprintSideM;
}
