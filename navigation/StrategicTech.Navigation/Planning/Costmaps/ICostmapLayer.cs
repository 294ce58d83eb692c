namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// One layer of a <see cref="LayeredCostmap"/> (Nav2's plugin layer). Each update the master first asks every layer,
/// in order, to grow the window by the cells it changed since the last update (<see cref="UpdateBounds"/>), then asks
/// every layer, in order, to write its contribution into the master inside the final window
/// (<see cref="UpdateCosts"/>). Neither may allocate after construction.
/// </summary>
public interface ICostmapLayer
{
    /// <summary>Grows <paramref name="window"/> by the cells this layer changed (or, for inflation, could affect).</summary>
    void UpdateBounds(ref CellWindow window);

    /// <summary>Combines this layer into <paramref name="master"/> for the cells of <paramref name="window"/> only (already clamped to the map).</summary>
    void UpdateCosts(Costmap2D master, CellWindow window);
}
