namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>A cell of a grid map: column <see cref="X"/>, row <see cref="Y"/> (the map's own row convention).</summary>
public readonly record struct GridCell(int X, int Y);
