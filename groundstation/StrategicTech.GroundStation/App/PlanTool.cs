namespace StrategicTech.GroundStation.App;

/// <summary>What a click on the plan view's map does.</summary>
public enum PlanTool
{
    /// <summary>Adds a waypoint (after the selected item); a press on an item selects it and a drag moves it.</summary>
    Waypoint,

    /// <summary>Adds a vertex of the survey polygon; DONE turns it into a lawnmower.</summary>
    Survey,

    /// <summary>Adds a vertex of a fence polygon; DONE closes it (inclusion or exclusion).</summary>
    FencePolygon,

    /// <summary>Adds a fence circle of the RADIUS field's radius.</summary>
    FenceCircle,

    /// <summary>Adds a rally point at the ALT field's height.</summary>
    Rally,
}
