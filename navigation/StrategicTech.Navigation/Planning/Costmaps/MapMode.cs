namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>How map_server turns pixel shades into occupancy (the <c>mode</c> key of map.yaml).</summary>
public enum MapMode
{
    /// <summary>Occupied (100), free (0) or unknown (−1) by the two thresholds. The default.</summary>
    Trinary,

    /// <summary>Like trinary, but shades between the thresholds scale linearly to 0..100.</summary>
    Scale,

    /// <summary>The pixel value is the occupancy (0..100); anything else is unknown.</summary>
    Raw,
}
