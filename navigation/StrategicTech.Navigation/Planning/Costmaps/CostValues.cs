namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>Named cell costs, as Nav2's cost_values: 0 free, 1..252 graded, 253 inscribed, 254 lethal, 255 unknown.</summary>
public static class CostValues
{
    public const byte Free = 0;

    /// <summary>The robot's centre here puts its footprint on an obstacle (within the inscribed radius).</summary>
    public const byte Inscribed = 253;

    public const byte Lethal = 254;

    public const byte Unknown = 255;

    /// <summary>Highest graded (non-fatal) cost.</summary>
    public const byte MaxNonObstacle = 252;
}
